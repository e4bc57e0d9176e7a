/** `?, ?, ?`: one bound parameter per value of an IN list. */
export const marks = (n: number): string => Array<string>(n).fill('?').join(', ');
