/** Where a command writes, and how it sets the process's exit status (tests capture both). */
export interface CommandIo {
  log: (line: string) => void;
  error: (line: string) => void;
  setExitCode: (code: number) => void;
}
