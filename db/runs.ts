// The runs table: one row per crawl/watch run with its counters, and finding the run a --resume continues.
import type { Db } from "./open-database";
import { prepared } from "./statement-cache";
import { InvalidStoreInputError } from "./store-errors";

export type RunId = number;
export const RUN_STATUSES = ["running", "done", "failed", "interrupted"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
const FINISHED_STATUSES = ["done", "failed", "interrupted"] as const;

export interface RunCounters {
  requests: number;
  models: number;
  edges: number;
  retries: number;
  problems: number;
}

export interface Run extends RunCounters {
  id: RunId;
  command: string;
  /** What identifies "the same command" for --resume (e.g. the command and its seeds). */
  key: string;
  args: unknown;
  startedAt: string;
  endedAt: string | null;
  status: RunStatus;
  plan: string | null;
}

export interface RunStart {
  command: string;
  key: string;
  args: unknown;
  now: string;
}

interface RunRow extends RunCounters {
  id: number;
  command: string;
  key: string;
  args: string;
  started_at: string;
  ended_at: string | null;
  status: RunStatus;
  plan: string | null;
}

const COUNTER_NAMES = ["requests", "models", "edges", "retries", "problems"] as const;
const RUN_COLUMNS = `id, command, key, args, started_at, ended_at, status, plan, ${COUNTER_NAMES.join(", ")}`;
const START_SQL = "INSERT INTO runs (command, key, args, started_at, status) VALUES (?, ?, ?, ?, 'running')";
const ADD_COUNTERS_SQL = `
  UPDATE runs SET requests = requests + @requests, models = models + @models, edges = edges + @edges,
                  retries = retries + @retries, problems = problems + @problems
  WHERE id = @id`;
const FINISH_SQL = "UPDATE runs SET status = ?, ended_at = ?, plan = coalesce(?, plan) WHERE id = ?";
const GET_SQL = `SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`;
const LAST_SQL = `SELECT ${RUN_COLUMNS} FROM runs ORDER BY id DESC LIMIT 1`;
const LAST_OF_COMMAND_SQL = `SELECT ${RUN_COLUMNS} FROM runs WHERE command = ? ORDER BY id DESC LIMIT 1`;
const LAST_OF_KEY_SQL = `SELECT ${RUN_COLUMNS} FROM runs WHERE key = ? ORDER BY id DESC LIMIT 1`;

/** Records a run as started ('running'); a run killed before finishRun stays 'running' and is resumable. */
export function startRun(db: Db, run: RunStart): RunId {
  return Number(
    prepared(db, START_SQL).run(run.command, run.key, JSON.stringify(run.args ?? null), run.now).lastInsertRowid,
  );
}

/** Adds the deltas to the run's counters (missing ones add 0); call it in the transaction of the work counted. */
export function updateRunCounters(db: Db, id: RunId, deltas: Partial<RunCounters>): void {
  const values: Record<string, number> = { id };
  for (const name of COUNTER_NAMES) {
    const delta = deltas[name] ?? 0;
    if (!Number.isSafeInteger(delta)) {
      throw new InvalidStoreInputError(`updateRunCounters: ${name} must be a whole number, got ${delta}`, name, delta);
    }
    values[name] = delta;
  }
  prepared(db, ADD_COUNTERS_SQL).run(values);
}

/** Ends the run with its status and, when given, the plan it took (kept otherwise). */
export function finishRun(db: Db, id: RunId, status: Exclude<RunStatus, "running">, now: string, plan?: string): void {
  if (!(FINISHED_STATUSES as readonly string[]).includes(status)) {
    throw new InvalidStoreInputError(
      `finishRun: status must be done, failed or interrupted, got "${status}"`,
      "status",
      status,
    );
  }
  prepared(db, FINISH_SQL).run(status, now, plan ?? null, id);
}

export function getRun(db: Db, id: RunId): Run | null {
  return toRun(prepared(db, GET_SQL).get(id) as RunRow | undefined);
}

/** The latest run, of `command` when given. */
export function getLastRun(db: Db, command?: string): Run | null {
  const row = command === undefined ? prepared(db, LAST_SQL).get() : prepared(db, LAST_OF_COMMAND_SQL).get(command);
  return toRun(row as RunRow | undefined);
}

/** The latest run with this key when it did not finish as 'done' (killed, failed, interrupted): the one to resume. */
export function findResumableRun(db: Db, key: string): Run | null {
  const run = toRun(prepared(db, LAST_OF_KEY_SQL).get(key) as RunRow | undefined);
  return run && run.status !== "done" ? run : null;
}

function toRun(row: RunRow | undefined): Run | null {
  if (!row) return null;
  return {
    id: row.id,
    command: row.command,
    key: row.key,
    args: JSON.parse(row.args) as unknown,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    status: row.status,
    plan: row.plan,
    requests: row.requests,
    models: row.models,
    edges: row.edges,
    retries: row.retries,
    problems: row.problems,
  };
}
