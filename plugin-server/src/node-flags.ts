/**
 * V8 flags the server process runs with (plugin-server's start script, the development stack and the
 * sync benchmark's workers). A 32 MB semi-space lets the objects of a page or a request in flight die
 * young: with V8's default 16 MB a 100,000-user sync promoted them and the process grew by ~130 MB
 * before a full collection, with it by ~60 MB (test/bench/RESULTS.md, "User sync").
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];
