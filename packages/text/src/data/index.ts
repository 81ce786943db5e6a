// Batch sources of tokenized text for the trainer.
export { type TokenWindowsOptions, tokenWindows } from './token-windows.js';
