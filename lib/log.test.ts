import { describe, expect, it } from "vitest";
import { errorForLog } from "./log";

describe("errorForLog", () => {
  it("gives a failed query's wrapper as the database's error: name, SQLSTATE and message, values replaced", () => {
    const database = Object.assign(new Error('invalid input syntax for type timestamp with time zone: "secret-1"'), {
      name: "PostgresError",
      code: "22007",
      detail: "Key (id)=(secret-2) already exists.",
      parameters: ["secret-3"],
    });
    const wrapper = new Error("Failed query: select $1::timestamptz\nparams: secret-3", { cause: database });
    const line = errorForLog(wrapper);
    expect(line.split("\n")[0]).toBe('PostgresError 22007: invalid input syntax for type timestamp with time zone: "…"');
    expect(line).not.toMatch(/secret|select/);
    expect(line.split("\n").slice(1).every((frame) => frame.startsWith("    at "))).toBe(true);
  });

  it("never logs a failed query's text or parameters, even without a cause", () => {
    expect(errorForLog(new Error("Failed query: select * from journeys where journey = $1\nparams: secret"))).toMatch(/^Error: Failed query \(its text and parameters are not logged\)/);
  });

  it("keeps the first line of other messages, cut short", () => {
    expect(errorForLog(new TypeError(`Cannot read ${"x".repeat(1_000)}\nsecond line`)).split("\n")[0]).toBe(`TypeError: Cannot read ${"x".repeat(288)}`);
    expect(errorForLog("a string")).toBe("non-Error thrown (string)");
  });
});
