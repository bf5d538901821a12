// Crawl runs: start, counters, finish, the last run and the resumable one.
import {
  findResumableRun,
  finishRun,
  getLastRun,
  getRun,
  startRun,
  updateRunCounters,
  type RunStatus,
} from "../../db/runs";
import { InvalidStoreInputError } from "../../db/store-errors";
import { LATER, NOW, freshDb } from "../helpers/db-fixtures";

describe("startRun, updateRunCounters, finishRun", () => {
  it("records a run's counters, end and plan", () => {
    const db = freshDb();
    const id = startRun(db, { command: "crawl", key: "crawl:down:a/b", args: { seeds: ["a/b"] }, now: NOW });
    updateRunCounters(db, id, { requests: 3, models: 10 });
    updateRunCounters(db, id, { requests: 2, edges: 9, retries: 1, problems: 1 });
    finishRun(db, id, "done", LATER, "walk: 12 requests < sweep");
    expect(getRun(db, id)).toEqual({
      id,
      command: "crawl",
      key: "crawl:down:a/b",
      args: { seeds: ["a/b"] },
      startedAt: NOW,
      endedAt: LATER,
      status: "done",
      plan: "walk: 12 requests < sweep",
      requests: 5,
      models: 10,
      edges: 9,
      retries: 1,
      problems: 1,
    });
  });

  it("rejects counters that are not whole numbers and statuses that do not end a run", () => {
    const db = freshDb();
    const id = startRun(db, { command: "crawl", key: "k", args: {}, now: NOW });
    expect(() => updateRunCounters(db, id, { requests: 1.5 })).toThrow(InvalidStoreInputError);
    expect(() => finishRun(db, id, "running" as Exclude<RunStatus, "running">, NOW)).toThrow(InvalidStoreInputError);
    expect(getRun(db, id)?.requests).toBe(0);
  });
});

describe("getLastRun", () => {
  it("gives the latest run, of a command when asked", () => {
    const db = freshDb();
    expect(getLastRun(db)).toBeNull();
    const crawl = startRun(db, { command: "crawl", key: "a", args: {}, now: NOW });
    const watch = startRun(db, { command: "watch", key: "w", args: {}, now: LATER });
    expect(getLastRun(db)?.id).toBe(watch);
    expect(getLastRun(db, "crawl")?.id).toBe(crawl);
    expect(getLastRun(db, "serve")).toBeNull();
  });
});

describe("findResumableRun", () => {
  it("finds the latest run of the key unless it finished as done", () => {
    const db = freshDb();
    const killed = startRun(db, { command: "crawl", key: "k", args: {}, now: NOW });
    expect(findResumableRun(db, "k")?.id).toBe(killed);
    expect(findResumableRun(db, "other")).toBeNull();
    finishRun(db, killed, "interrupted", NOW);
    expect(findResumableRun(db, "k")?.status).toBe("interrupted");
    const again = startRun(db, { command: "crawl", key: "k", args: {}, now: LATER });
    finishRun(db, again, "done", LATER);
    expect(findResumableRun(db, "k")).toBeNull();
  });
});
