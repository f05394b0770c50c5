/**
 * The Lua scripts of the Redis adapter. Redis runs a script atomically (no
 * other command runs in between), so an append is one script: it checks
 * everything first (idempotency keys, expected versions, event ids) and
 * writes only when every check passed — contract rules 2.1 and 2.2 by
 * construction, the way the memory adapter gets them from one `Ref.modify`.
 *
 * Keys (all under the store's prefix `p`):
 *   p:head                  the last global position
 *   p:events                position -> {v: version, c: category, s: stream id, b: the event's JSON}
 *   p:ids                   event id -> position (rule 5.1)
 *   p:versions              stream key -> version
 *   p:stream:<stream key>   version -> position
 *   p:category:<category>   sorted set of positions (readAll's category filter)
 *   p:keys                  idempotency key -> the first AppendResult (rule 4)
 *   p:rows:<table>          row key -> {data, index}      p:tables   the tables written
 *   p:counter:<name>        JSON of the key -> value      p:counters the counters written
 *   p:relays                relay -> checkpoint           p:lease:<relay> the lease holder
 */

/**
 * ARGV[1] the prefix; ARGV[2] the batches (JSON); ARGV[3] writes outside any
 * batch (`ReadModels.write`). Answers JSON: `{results}` or `{error, ...}`
 * (a typed refusal: nothing was written).
 */
export const append = `
local p = ARGV[1]
local batches = cjson.decode(ARGV[2])
local loose = cjson.decode(ARGV[3])
local head = tonumber(redis.call('GET', p .. ':head') or '0')
local pos = head
local versions = {}
local keys = {}
local ids = {}
local results = {}

-- 1. every check, in batch order, as if the earlier batches were written
for i = 1, #batches do
  local b = batches[i]
  local first = nil
  if b.key ~= nil then
    first = keys[b.key]
    if first == nil then
      local stored = redis.call('HGET', p .. ':keys', b.key)
      if stored then first = cjson.decode(stored) end
    end
  end
  if first ~= nil then
    -- rule 4.1-4.3: a known key answers its first result (whatever the expected version) or conflicts
    if first.category ~= b.category or first.streamId ~= b.streamId then
      return cjson.encode({ error = 'IdempotencyKeyConflict', key = b.key, stream = b.name,
        firstStream = first.category .. '-' .. first.streamId })
    end
    results[i] = { category = first.category, streamId = first.streamId, fromVersion = first.fromVersion,
      toVersion = first.toVersion, lastPosition = first.lastPosition, duplicate = true }
    b.duplicate = true
  else
    local current = versions[b.sk]
    if current == nil then current = tonumber(redis.call('HGET', p .. ':versions', b.sk) or '0') end
    if current ~= b.expected then
      return cjson.encode({ error = 'ConcurrencyConflict', stream = b.name, expected = b.expected, actual = current })
    end
    for j = 1, #b.events do
      local id = b.events[j].id
      if ids[id] or redis.call('HEXISTS', p .. ':ids', id) == 1 then
        return cjson.encode({ error = 'DuplicateEventId', eventId = id })
      end
      ids[id] = true
    end
    local n = #b.events
    b.from = pos
    pos = pos + n
    local result = { category = b.category, streamId = b.streamId, fromVersion = b.expected + 1,
      toVersion = b.expected + n, lastPosition = 0, duplicate = false }
    if n > 0 then result.lastPosition = pos end
    versions[b.sk] = b.expected + n
    if b.key ~= nil then keys[b.key] = result end
    results[i] = result
  end
end

local function write(w)
  for j = 1, #w.rows do
    local r = w.rows[j]
    if r.delete then
      redis.call('HDEL', p .. ':rows:' .. r.table, r.key)
    else
      redis.call('HSET', p .. ':rows:' .. r.table, r.key, r.value)
      redis.call('SADD', p .. ':tables', r.table)
    end
  end
  for j = 1, #w.counters do
    local c = w.counters[j]
    -- a key written is kept, also at zero (rule 8.3): HINCRBY creates it
    if c.delta % 1 == 0 then
      redis.call('HINCRBY', p .. ':counter:' .. c.name, c.key, c.delta)
    else
      redis.call('HINCRBYFLOAT', p .. ':counter:' .. c.name, c.key, c.delta)
    end
    redis.call('SADD', p .. ':counters', c.name)
  end
end

-- 2. every check passed: write it all
for i = 1, #batches do
  local b = batches[i]
  if not b.duplicate then
    local position = b.from
    for j = 1, #b.events do
      local e = b.events[j]
      position = position + 1
      local version = b.expected + j
      redis.call('HSET', p .. ':events', position, cjson.encode({ v = version, c = b.category, s = b.streamId, b = e.body }))
      redis.call('HSET', p .. ':ids', e.id, position)
      redis.call('HSET', p .. ':stream:' .. b.sk, version, position)
      redis.call('ZADD', p .. ':category:' .. b.category, position, position)
    end
    redis.call('HSET', p .. ':versions', b.sk, b.expected + #b.events)
    if b.key ~= nil then redis.call('HSET', p .. ':keys', b.key, cjson.encode(results[i])) end
    write(b.writes)
  end
end
write(loose)
redis.call('SET', p .. ':head', pos)
return cjson.encode({ results = results })
`

/** KEYS[1] the relays hash; ARGV: relay, position. The checkpoint moves forward only (rule 9.2). */
export const acknowledge = `
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > current then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1
`

/** KEYS[1] the lease key; ARGV[1] the holder's token: deletes the lease only if the caller holds it. */
export const release = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`

/** KEYS[1] the lease key; ARGV: the holder's token, the lease's time to live in ms: renews a lease the caller holds. */
export const renew = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`
