import { describe, expect, it } from "vitest";
import { appOrigin, servedOverHttps } from "./https";

describe("servedOverHttps", () => {
  it.each([
    [{ protocol: "https:" }, true],
    [{ forwardedProto: "https" }, true],
    [{ forwardedProto: "HTTPS" }, true],
    [{ forwardedProto: "https,http" }, true],
    [{ forwardedProto: " https , http" }, true],
    [{ publicUrl: "https://switchboard.example.com" }, true],
    [{ protocol: "http:", forwardedProto: "http", publicUrl: "https://switchboard.example.com/" }, true],
    [{}, false],
    [{ protocol: "http:" }, false],
    [{ forwardedProto: "http" }, false],
    // Only the proxy nearest the client saw how the browser connected.
    [{ forwardedProto: "http,https" }, false],
    [{ forwardedProto: "httpsx" }, false],
    [{ forwardedProto: "" }, false],
    [{ publicUrl: "http://127.0.0.1:3210" }, false],
    [{ publicUrl: "not a url" }, false],
    [{ protocol: null, forwardedProto: null, publicUrl: null }, false],
  ])("%j is https: %s", (request, expected) => {
    expect(servedOverHttps(request)).toBe(expected);
  });
});

describe("appOrigin", () => {
  it("prefers the operator's public address", () => {
    expect(appOrigin({ publicUrl: "https://switchboard.example.com/some/path", host: "10.0.0.5:3000" })).toBe("https://switchboard.example.com");
  });

  it("else builds the origin from the host and how the browser connected", () => {
    expect(appOrigin({ host: "127.0.0.1:3210" })).toBe("http://127.0.0.1:3210");
    expect(appOrigin({ host: "switchboard.example.com", forwardedProto: "https" })).toBe("https://switchboard.example.com");
  });

  it.each([null, "", "evil.example/path", "user@evil.example", "evil.example?x", "evil.example#x", "a b", "evil.example\\x", "[::1"])(
    "knows no origin from the host %j",
    (host) => {
      expect(appOrigin({ host })).toBeNull();
    },
  );
});
