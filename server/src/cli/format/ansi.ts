/** Minimal ANSI styling; with `enabled` false every function returns its input unchanged. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  magenta(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function createStyle(enabled: boolean): Style {
  const id = (s: string) => s;
  if (!enabled) return { bold: id, dim: id, underline: id, red: id, yellow: id, magenta: id, cyan: id, green: id };
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    underline: wrap(4, 24),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    magenta: wrap(35, 39),
    cyan: wrap(36, 39),
    green: wrap(32, 39),
  };
}
