// idKey: equal keys exactly when SQLite's NOCASE collation finds two ids equal (A-Z folded, nothing else).
import Database from "better-sqlite3";
import { idKey } from "../../lineage/id-key";
import { seededRandom } from "../helpers/test-seed";

describe("idKey", () => {
  it("folds A-Z and leaves lower-case ids as they are", () => {
    expect(idKey("Qwen/Qwen2.5-72B-Instruct")).toBe("qwen/qwen2.5-72b-instruct");
    expect(idKey("org/already_lower.v2")).toBe("org/already_lower.v2");
  });

  it("folds no other letter, as NOCASE does not", () => {
    expect(idKey("Org/ÉTÉ-İß-Ω")).toBe("org/ÉtÉ-İß-Ω");
  });

  it("agrees with NOCASE on ids mixing ASCII and other characters", () => {
    const db = new Database(":memory:");
    const same = db.prepare("SELECT ? = ? COLLATE NOCASE").pluck();
    const pieces = ["A", "a", "Z", "z", "É", "é", "ß", "K", "k", "K", "-", "/", "0", "Ω", "ω", "😀"];
    const next = seededRandom("idKey against NOCASE", 7);
    try {
      for (let k = 0; k < 500; k++) {
        const a = Array.from(
          { length: 1 + Math.floor(next() * 6) },
          () => pieces[Math.floor(next() * pieces.length)],
        ).join("");
        const b = [...a].map((c) => (next() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join("");
        expect([a, b, idKey(a) === idKey(b)]).toEqual([a, b, same.get(a, b) === 1]);
      }
    } finally {
      db.close();
    }
  });
});
