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

// The form's cluster and sentinel bodies (components/connections/topology-model.ts): rows as
// the API's lists, checked with the API's own schemas, errors on the row they are about, and
// edits that send only what changed (secrets and the stored address map stay unless touched).

const cluster: ConnectionSummary = {
  id: "shop",
  name: "Shop",
  mode: "cluster",
  readOnly: false,
  production: false,
  source: "saved",
  host: "10.0.0.1",
  port: 7000,
  username: "app",
  tls: false,
  hasPassword: true,
  seeds: ["10.0.0.1:7000", "10.0.0.2:7000"],
  natMapEntries: 2,
  databases: 1,
};

const sentinel: ConnectionSummary = {
  id: "sessions",
  name: "Sessions",
  mode: "sentinel",
  readOnly: false,
  production: false,
  source: "saved",
  host: "10.0.1.1",
  port: 26379,
  tls: false,
  hasPassword: false,
  sentinels: ["10.0.1.1:26379"],
  masterName: "sessions",
  sentinelUsername: "watcher",
  hasSentinelPassword: true,
  databases: 16,
};

describe("connection form: cluster and sentinel", () => {
  it("sends a new cluster as its seed rows, credentials and address map, without databases", () => {
    const s = {
      ...initialState(),
      name: "c",
      mode: "cluster" as const,
      nodes: [" 127.0.0.1:7000 ", "127.0.0.1:7001"],
      password: "pw",
      natMap: [
        { from: "10.0.0.5:7000", to: "127.0.0.1:7000" },
        { from: "", to: "" },
      ],
    };
    expect(createBody(s)).toEqual({
      name: "c",
      readOnly: false,
      production: false,
      mode: "cluster",
      nodes: ["127.0.0.1:7000", "127.0.0.1:7001"],
      natMap: { "10.0.0.5:7000": "127.0.0.1:7000" },
      password: "pw",
      tls: false,
    });
    expect(checkBody(s).errors).toBeNull();
  });

  it("sends a new sentinel set with the sentinels' own credentials apart", () => {
    const s = {
      ...initialState(),
      name: "s",
      mode: "sentinel" as const,
      sentinels: ["127.0.0.1:26379"],
      masterName: "mymaster",
      password: "node-pw",
      sentinelUsername: "w",
      sentinelPassword: "sent-pw",
    };
    expect(createBody(s)).toMatchObject({
      mode: "sentinel",
      sentinels: ["127.0.0.1:26379"],
      masterName: "mymaster",
      password: "node-pw",
      sentinelUsername: "w",
      sentinelPassword: "sent-pw",
      databases: 16,
    });
    expect(createBody(s)).not.toHaveProperty("host");
    expect(checkBody(s).errors).toBeNull();
  });

  it("puts a bad seed's error on its row, and a bad mapping's on its row", () => {
    const s = {
      ...initialState(),
      name: "c",
      mode: "cluster" as const,
      nodes: ["127.0.0.1:7000", "nohost"],
    };
    expect(checkBody(s).errors).toEqual({ "nodes.1": 'must be "host:port" or a redis:// URL' });
    const nat = {
      ...s,
      nodes: ["127.0.0.1:7000"],
      natMap: [
        { from: "10.0.0.5:7000", to: "127.0.0.1:7000" },
        { from: "10.0.0.6:7000", to: "nowhere" },
      ],
    };
    expect(Object.keys(checkBody(nat).errors ?? {})).toEqual(["natMap.1"]);
    const blank = { ...initialState(), name: "s", mode: "sentinel" as const };
    expect(checkBody(blank).errors).toMatchObject({
      "sentinels.0": expect.any(String),
      masterName: "must not be empty",
    });
    expect(errorsFromMessage("nodes.0: must be host:port")).toEqual({
      "nodes.0": "must be host:port",
    });
  });

  it("opens a saved cluster or sentinel with its mode and fields, secrets blank", () => {
    expect(initialState(cluster)).toMatchObject({
      mode: "cluster",
      nodes: ["10.0.0.1:7000", "10.0.0.2:7000"],
      passwordMode: "keep",
      natMap: [],
      natMapChanged: false,
    });
    expect(initialState(sentinel)).toMatchObject({
      mode: "sentinel",
      sentinels: ["10.0.1.1:26379"],
      masterName: "sessions",
      sentinelUsername: "watcher",
      sentinelPassword: "",
      sentinelPasswordMode: "keep",
    });
    expect(initialState().nodes).toEqual([""]);
  });

  it("an untouched edit sends nothing; changed rows and secrets are sent alone", () => {
    expect(patchBody(initialState(cluster), cluster)).toEqual({});
    expect(patchBody(initialState(sentinel), sentinel)).toEqual({});
    const c = { ...initialState(cluster), nodes: ["10.0.0.3:7000"] };
    expect(patchBody(c, cluster)).toEqual({ nodes: ["10.0.0.3:7000"] });
    // Touching the map replaces it; removing every row removes it.
    expect(patchBody({ ...c, natMap: [], natMapChanged: true }, cluster)).toEqual({
      nodes: ["10.0.0.3:7000"],
      natMap: {},
    });
    const s = initialState(sentinel);
    expect(patchBody({ ...s, sentinelPasswordMode: "remove" }, sentinel)).toEqual({
      sentinelPassword: "",
    });
    expect(
      patchBody({ ...s, sentinelPasswordMode: "replace", sentinelPassword: "new" }, sentinel),
    ).toEqual({ sentinelPassword: "new" });
    expect(patchBody({ ...s, masterName: "orders" }, sentinel)).toEqual({ masterName: "orders" });
  });

  it("switching mode sends the new mode whole; back to standalone sends host and port", () => {
    const toSentinel = {
      ...initialState(cluster),
      mode: "sentinel" as const,
      sentinels: ["10.0.1.1:26379"],
      masterName: "m",
    };
    expect(patchBody(toSentinel, cluster)).toEqual({
      mode: "sentinel",
      sentinels: ["10.0.1.1:26379"],
      masterName: "m",
      databases: 16,
    });
    const toPlain = { ...initialState(cluster), mode: "standalone" as const, port: "6390" };
    expect(patchBody(toPlain, cluster)).toMatchObject({
      mode: "standalone",
      host: "10.0.0.1",
      port: 6390,
    });
    expect(testBody(toSentinel, cluster)).toMatchObject({ id: "shop", mode: "sentinel" });
  });
});
