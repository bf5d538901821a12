// Typed errors of the Hub replay: bad options and unreadable recorded data, each naming what to fix.

/** An option of the replay server or the synthetic Hub is invalid. */
export class ReplayConfigError extends Error {
  readonly option: string;
  readonly value: unknown;

  constructor(option: string, value: unknown, expected: string) {
    super(`hub-replay: option ${option} = ${JSON.stringify(value)} is invalid; expected ${expected}`);
    this.name = "ReplayConfigError";
    this.option = option;
    this.value = value;
  }
}

/** A recorded-data file cannot be read as the Hub data it should hold. */
export class HubDataError extends Error {
  readonly file: string;

  constructor(file: string, problem: string) {
    super(`hub-replay: ${file}: ${problem}`);
    this.name = "HubDataError";
    this.file = file;
  }
}
