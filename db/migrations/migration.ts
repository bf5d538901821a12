// One step of the schema's history (db/migrations/index.ts).

export interface Migration {
  version: number;
  name: string;
  up: string;
}
