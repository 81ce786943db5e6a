export { SkippedFiles, type SkippedFilesOptions, type UnusableFileError } from './skipped-files.js';
