// The problems table: what went wrong with a model or a request, kept for the run summary and for users.
import type { Db } from "./open-database";
import type { RunId } from "./runs";
import { preparedPluck, prepared } from "./statement-cache";

export interface ProblemRecord {
  runId: RunId | null;
  modelId: string | null;
  kind: string;
  message: string;
}

export interface ProblemFilter {
  runId?: RunId;
  modelId?: string;
  kind?: string;
}

const INSERT_SQL = "INSERT INTO problems (run_id, model_id, kind, message, at) VALUES (?, ?, ?, ?, ?)";
const COUNT_SQL = `
  SELECT count(*) FROM problems
  WHERE (@runId IS NULL OR run_id = @runId) AND (@modelId IS NULL OR model_id = @modelId)
    AND (@kind IS NULL OR kind = @kind)`;

const LIST_SQL = `
  SELECT model_id AS modelId, kind, message FROM problems
  WHERE (@runId IS NULL OR run_id = @runId) AND (@kind IS NULL OR kind = @kind)
  ORDER BY id`;

/** The problems matching every given filter, oldest first. */
export function listProblems(
  db: Db,
  filter: Omit<ProblemFilter, "modelId"> = {},
): { modelId: string | null; kind: string; message: string }[] {
  return prepared(db, LIST_SQL).all({ runId: filter.runId ?? null, kind: filter.kind ?? null }) as {
    modelId: string | null;
    kind: string;
    message: string;
  }[];
}

/** Stores a problem. The run's `problems` counter is not touched: count it with updateRunCounters. */
export function recordProblem(db: Db, problem: ProblemRecord, now: string): number {
  const info = prepared(db, INSERT_SQL).run(problem.runId, problem.modelId, problem.kind, problem.message, now);
  return Number(info.lastInsertRowid);
}

/** How many problems match every given filter (all problems without one). */
export function countProblems(db: Db, filter: ProblemFilter = {}): number {
  return preparedPluck(db, COUNT_SQL).get({
    runId: filter.runId ?? null,
    modelId: filter.modelId ?? null,
    kind: filter.kind ?? null,
  }) as number;
}
