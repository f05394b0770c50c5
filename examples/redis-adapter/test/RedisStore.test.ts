// The whole test file of the Redis adapter: the conformance kit, every area's aggregate included.
import { it } from "@effect/vitest"
import { Conformance } from "cityhall/testing"
import { describe } from "vitest"
import * as RedisStore from "../src/RedisStore.js"

const url = process.env["CITYHALL_REDIS_URL"]
if (url === undefined || url === "") {
  console.log("redis example skipped: set CITYHALL_REDIS_URL (e.g. redis://127.0.0.1:6379) to run it")
}

describe.skipIf(url === undefined || url === "")("redis", () => {
  Conformance.run("redis (example adapter)", {
    it,
    // a key prefix of its own, deleted when the layer closes
    layer: RedisStore.layerForTesting({ url: url ?? "", prefix: `cityhall-kit-${process.pid}-${Date.now()}` }),
    // an append is one Lua script: there is no point between its statements to inject a fault
    supports: { corruptEvent: RedisStore.corruptEvent }
  })
})
