// Debian's Chromium and the flags it needs here, shared by the e2e config, the test runner and
// the bench. Without the background-networking flags Chromium reaches for the network at
// start-up, which this machine refuses.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const CHROMIUM_INSTALL_HINT =
  "Chromium is not installed: run `sudo apt-get install -y chromium` (Debian).";
