// Typed errors of the store's write side: bad values handed to db/ functions, named with what was wrong.

/** A value a store function cannot write (an empty id, a link of the wrong source, ...). */
export class InvalidStoreInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly value: unknown,
  ) {
    super(message);
    this.name = "InvalidStoreInputError";
  }
}

/** Throws InvalidStoreInputError unless `id` is a non-empty string; `where` names the caller for the message. */
export function assertId(id: unknown, where: string): asserts id is string {
  if (typeof id !== "string" || id.trim() === "") {
    throw new InvalidStoreInputError(
      `${where}: a model id must be a non-empty string, got ${JSON.stringify(id)}`,
      "id",
      id,
    );
  }
}
