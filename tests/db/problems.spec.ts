// recordProblem and countProblems.
import { countProblems, recordProblem } from "../../db/problems";
import { startRun } from "../../db/runs";
import { NOW, freshDb } from "../helpers/db-fixtures";

describe("recordProblem and countProblems", () => {
  it("counts problems by run, model (any case) and kind", () => {
    const db = freshDb();
    const run = startRun(db, { command: "crawl", key: "k", args: {}, now: NOW });
    recordProblem(db, { runId: run, modelId: "Org/A", kind: "yaml", message: "bad indentation" }, NOW);
    recordProblem(db, { runId: run, modelId: "org/b", kind: "http", message: "500" }, NOW);
    recordProblem(db, { runId: null, modelId: null, kind: "http", message: "timeout" }, NOW);
    expect(countProblems(db)).toBe(3);
    expect(countProblems(db, { runId: run })).toBe(2);
    expect(countProblems(db, { modelId: "org/a" })).toBe(1);
    expect(countProblems(db, { runId: run, kind: "http" })).toBe(1);
    expect(db.prepare("SELECT problems FROM runs").pluck().get()).toBe(0);
  });
});
