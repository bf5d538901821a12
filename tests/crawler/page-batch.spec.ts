// The page batch: a walk's pages in flight commit together, never ahead of their writes, and fail together.
import { createPageBatch } from "../../crawler/page-batch";
import { freshDb } from "../helpers/db-fixtures";

function tableDb() {
  const db = freshDb();
  db.exec("CREATE TABLE pages (n INTEGER)");
  const insert = db.prepare("INSERT INTO pages (n) VALUES (?)");
  const count = () => db.prepare("SELECT count(*) FROM pages").pluck().get() as number;
  return { db, write: (n: number) => () => insert.run(n).changes, count };
}

describe("createPageBatch", () => {
  it("commits the pages of every listing in flight in one transaction, once each has queued one", async () => {
    const { db, write, count } = tableDb();
    const transaction = jest.spyOn(db, "transaction");
    const batch = createPageBatch(db, { maxWaitMs: 60_000 });
    batch.enter();
    batch.enter();
    batch.enter();
    const first = batch.add(write(1));
    const second = batch.add(write(2));
    expect(count()).toBe(0);
    const third = batch.add(write(3));
    expect(await Promise.all([first, second, third])).toEqual([1, 1, 1]);
    expect(count()).toBe(3);
    expect(transaction).toHaveBeenCalledTimes(1);
  });

  it("commits what is queued when the listing it waited for leaves", async () => {
    const { db, write, count } = tableDb();
    const batch = createPageBatch(db, { maxWaitMs: 60_000 });
    batch.enter();
    batch.enter();
    const queued = batch.add(write(1));
    expect(count()).toBe(0);
    batch.leave();
    await queued;
    expect(count()).toBe(1);
  });

  it("commits a page alone after maxWaitMs while another listing is still out", async () => {
    const { db, write, count } = tableDb();
    const batch = createPageBatch(db, { maxWaitMs: 20 });
    batch.enter();
    batch.enter();
    const started = performance.now();
    await batch.add(write(1));
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    expect(count()).toBe(1);
  });

  it("rolls the whole batch back and rejects every page when one write throws", async () => {
    const { db, write, count } = tableDb();
    const batch = createPageBatch(db, { maxWaitMs: 60_000 });
    batch.enter();
    batch.enter();
    const fine = batch.add(write(1));
    const failing = batch.add(() => {
      throw new RangeError("bad page");
    });
    await expect(fine).rejects.toThrow(RangeError);
    await expect(failing).rejects.toThrow(RangeError);
    expect(count()).toBe(0);
    expect(db.inTransaction).toBe(false);
  });
});
