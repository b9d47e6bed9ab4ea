import { describe, expect, it } from "vitest";
import { clientAddress, normaliseAddress, trustedHops } from "./client-address.mjs";

const SOCKET = "127.0.0.1";

describe("clientAddress", () => {
  it("ignores X-Forwarded-For unless proxies are trusted", () => {
    expect(clientAddress({ forwardedFor: "203.0.113.9", remoteAddress: SOCKET, hops: 0 })).toBe(
      SOCKET,
    );
  });

  it("takes the address the trusted proxy added, not what the client wrote to its left", () => {
    // The attack of issue 9: a rotating left-most entry, the proxy's own entry on the right.
    for (let i = 0; i < 12; i++) {
      const forwardedFor = `10.0.0.${i}, 198.51.100.4`;
      expect(clientAddress({ forwardedFor, remoteAddress: SOCKET, hops: 1 })).toBe("198.51.100.4");
    }
  });

  it("counts hops from the right, and takes the left-most when fewer proxies were passed", () => {
    const forwardedFor = "10.9.9.9, 203.0.113.5, 192.0.2.1";
    expect(clientAddress({ forwardedFor, remoteAddress: SOCKET, hops: 2 })).toBe("203.0.113.5");
    expect(clientAddress({ forwardedFor, remoteAddress: SOCKET, hops: 3 })).toBe("10.9.9.9");
    expect(clientAddress({ forwardedFor, remoteAddress: SOCKET, hops: 5 })).toBe("10.9.9.9");
    // Node joins repeated headers; an array is read the same way.
    expect(
      clientAddress({ forwardedFor: ["10.9.9.9", "192.0.2.1"], remoteAddress: SOCKET, hops: 1 }),
    ).toBe("192.0.2.1");
  });

  it("records nothing but an IP address: anything else gives the socket's", () => {
    for (const forwardedFor of [
      "<script>alert(1)</script>",
      "10.0.0.1, <script>alert(1)</script>",
      "1.2.3.4 <b>",
      "",
      "   ,  ",
      "unknown",
      "fe80::1%eth0",
      "999.1.1.1",
    ]) {
      expect(clientAddress({ forwardedFor, remoteAddress: SOCKET, hops: 1 }), forwardedFor).toBe(
        SOCKET,
      );
    }
    expect(clientAddress({ forwardedFor: undefined, remoteAddress: undefined, hops: 1 })).toBe(
      "unknown",
    );
  });
});

describe("normaliseAddress", () => {
  it("writes each address one way", () => {
    expect(normaliseAddress(" 192.0.2.1 ")).toBe("192.0.2.1");
    expect(normaliseAddress("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(normaliseAddress("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(normaliseAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normaliseAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseAddress("::1")).toBe("::1");
    expect(normaliseAddress("01.2.3.4")).toBeNull();
    expect(normaliseAddress("example.com")).toBeNull();
  });
});

describe("trustedHops", () => {
  it("keeps 1 (and yes/on/true) meaning one proxy", () => {
    expect(["1", "yes", "ON", "true"].map(trustedHops)).toEqual([1, 1, 1, 1]);
    expect([undefined, "", "0", "off"].map(trustedHops)).toEqual([0, 0, 0, 0]);
    expect(trustedHops("3")).toBe(3);
    expect(trustedHops("maybe")).toBeNaN();
    expect(trustedHops("21")).toBeNaN();
  });
});
