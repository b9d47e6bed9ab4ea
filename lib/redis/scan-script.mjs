// The Lua of lib/redis/scan.ts's SCAN step, in a plain module so that scripts/bench imports the
// very text Keyscope runs (the bench is plain Node, which cannot import TypeScript). No
// server-only marker for the same reason; it is only a string.
//
// One SCAN step plus TYPE and PTTL of every key it found, in one round trip and one atomic
// step on the server. ARGV: cursor, COUNT, MATCH pattern or '', TYPE or ''. Types and TTLs come
// back joined into one string each: parsing two bulk strings costs the Node side far less than
// parsing 2 × COUNT replies. Redis's time is most of a walk's (200k keys, Redis 7.0: SCAN in
// Lua ~1.3 µs a key, each TYPE or PTTL call ~1.6 µs more, most of it redis.call's own cost), so
// redis.call is looked up once.
export const SCAN_WITH_META_LUA = `
local args = {ARGV[1], 'COUNT', ARGV[2]}
if ARGV[3] ~= '' then table.insert(args, 'MATCH'); table.insert(args, ARGV[3]) end
if ARGV[4] ~= '' then table.insert(args, 'TYPE'); table.insert(args, ARGV[4]) end
local call = redis.call
local r = call('SCAN', unpack(args))
local keys = r[2]
local types, ttls = {}, {}
for i = 1, #keys do
  local key = keys[i]
  types[i] = call('TYPE', key).ok
  ttls[i] = call('PTTL', key)
end
return {r[1], keys, table.concat(types, ','), table.concat(ttls, ',')}
`;
