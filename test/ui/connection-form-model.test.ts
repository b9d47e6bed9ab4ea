import { describe, expect, it } from "vitest";
import {
  checkBody,
  createBody,
  errorsFromMessage,
  initialState,
  patchBody,
  testBody,
} from "@/components/connections/form-model";
import type { ConnectionSummary } from "@/lib/schemas/connections";

// The connections form's bodies: a new connection whole, an edit only what changed (so a saved
// password or TLS key stays unless the user replaces it), and errors landing on the fields.

const saved: ConnectionSummary = {
  id: "cache",
  name: "cache",
  mode: "standalone",
  readOnly: false,
  production: false,
  source: "saved",
  host: "10.0.0.5",
  port: 6380,
  username: "app",
  tls: true,
  hasPassword: true,
  databases: 16,
  color: "blue",
};

describe("connection form model", () => {
  it("sends a new connection whole, with TLS as true when nothing is pasted", () => {
    const s = { ...initialState(), name: "x", port: "6390", password: "pw", tls: true };
    expect(createBody(s)).toEqual({
      name: "x",
      databases: 16,
      readOnly: false,
      production: false,
      host: "127.0.0.1",
      port: 6390,
      password: "pw",
      tls: true,
    });
    expect(checkBody(s).errors).toBeNull();
  });

  it("sends pasted PEMs and the no-verify switch as a TLS object", () => {
    const ca = "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----";
    const s = { ...initialState(), name: "x", tls: true, ca, verify: false };
    expect(createBody(s).tls).toEqual({ ca, rejectUnauthorized: false });
  });

  it("an untouched edit sends nothing: the stored password and TLS stay", () => {
    expect(patchBody(initialState(saved), saved)).toEqual({});
  });

  it("an edit sends only what changed; remove sends an empty password", () => {
    const s = { ...initialState(saved), name: "cache 2", production: true, color: null };
    expect(patchBody(s, saved)).toEqual({ name: "cache 2", production: true, color: null });
    expect(patchBody({ ...s, passwordMode: "remove" }, saved).password).toBe("");
    expect(patchBody({ ...s, passwordMode: "replace", password: "" }, saved)).not.toHaveProperty(
      "password",
    );
    expect(patchBody({ ...s, passwordMode: "replace", password: "new" }, saved).password).toBe(
      "new",
    );
    expect(patchBody({ ...s, tls: false }, saved).tls).toBe(false);
  });

  it("tests a saved connection by id with the form's changes on top", () => {
    const s = { ...initialState(saved), port: "6381" };
    expect(testBody(s, saved)).toEqual({ id: "cache", port: 6381 });
    expect(testBody({ ...initialState(), port: "7000" })).not.toHaveProperty("name");
  });

  it("puts schema errors and the server's message on the fields", () => {
    const bad = checkBody({ ...initialState(), name: "", port: "70000" });
    expect(bad.errors).toMatchObject({ name: expect.any(String), port: "must be 1-65535" });
    expect(checkBody({ ...initialState(), name: "x", port: "abc" }).errors?.port).toBeTruthy();
    expect(errorsFromMessage("port: must be 1-65535")).toEqual({ port: "must be 1-65535" });
    expect(errorsFromMessage("tls.ca: must be PEM text (-----BEGIN …)")).toEqual({
      ca: "must be PEM text (-----BEGIN …)",
    });
    expect(errorsFromMessage("A connection with that name exists.")).toEqual({
      form: "A connection with that name exists.",
    });
  });
});
