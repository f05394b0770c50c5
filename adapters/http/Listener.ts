/**
 * What every `node:http` listener of cityhall does before and around its
 * handler, so that nothing read from the raw request can crash the process
 * or give a 5xx: {@link guard} catches a handler's throw and rejection (a
 * defect: logged with a request id, answered 500 with a JSON body that
 * echoes nothing of the request); {@link target} parses the request target
 * without throwing; {@link install} answers malformed requests (bad request
 * lines, headers too large) with a JSON 400 instead of a bare socket reset;
 * {@link readBody} reads a body counting its bytes as they arrive and stops
 * at the limit.
 *
 * @module
 */
import { randomUUID } from "node:crypto"
import type { IncomingMessage, Server, ServerResponse } from "node:http"
import type { Duplex } from "node:stream"

/** The default largest request body, in bytes (64 KiB). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024

/**
 * The client address of a web `Request` a node listener forwards (its
 * socket's remote address): the API's rate limit keys on it. Set only by
 * the listener, so a header cannot forge it.
 */
export const clientAddresses: WeakMap<Request, string> = new WeakMap()

/**
 * Requests a node listener sends to the API to ask whether their bearer
 * token may read reports (the report pages of `serve`): the API answers
 * 204, 401 or 403 from its own authentication and access policy, without
 * routing them. Marked only by the listener, so a client cannot forge one.
 */
export const reportAuthorisations: WeakSet<Request> = new WeakSet()

/** The methods the API and the report pages answer; any other is 405. */
export const METHODS: ReadonlyArray<string> = ["GET", "HEAD", "POST"]

/** Where a defect goes: the request id and what was thrown. */
export type DefectLog = (requestId: string, error: unknown) => void

/** Writes a defect to stderr, one block per defect, with its request id. */
export const logToStderr: DefectLog = (requestId, error) => {
  process.stderr.write(
    `cityhall http: defect in request ${requestId}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
  )
}

/** Answers a JSON body with `Cache-Control: no-store` (or ends the response when headers are already out). */
export const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void => {
  if (res.headersSent) {
    res.destroy()
    return
  }
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers
  })
  res.end(JSON.stringify(body))
}

/** The body of a 500: a request id to find the logged defect by, nothing of the request. */
export const internalErrorBody = (requestId: string) => ({
  _tag: "InternalError",
  requestId,
  message: `internal error; reported as ${requestId}`
})

/** Logs a defect under a new request id and answers 500 with {@link internalErrorBody}. */
export const internalError = (res: ServerResponse, error: unknown, log: DefectLog = logToStderr): void => {
  const requestId = randomUUID()
  try {
    log(requestId, error)
  } catch {
    // a failing log must not turn a defect into a crash
  }
  json(res, 500, internalErrorBody(requestId))
}

/** A `node:http` request listener. */
export type NodeListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>

/** Wraps a listener: a synchronous throw or a rejection is a defect ({@link internalError}), never a crash. */
export const guard =
  (listener: NodeListener, log: DefectLog = logToStderr): NodeListener =>
  (req, res) => {
    const fail = (e: unknown) => {
      try {
        internalError(res, e, log)
      } catch {
        res.destroy()
      }
    }
    try {
      const out = listener(req, res)
      if (out !== undefined) out.then(undefined, fail)
    } catch (e) {
      fail(e)
    }
  }

/**
 * The request target as a URL on `http://localhost` (path and query only:
 * the `Host` header and an absolute-form authority are never used), or
 * `undefined` when it is not an origin-form or absolute-form target.
 */
export const target = (raw: string | undefined): URL | undefined => {
  const r = raw ?? "/"
  try {
    if (r.startsWith("/")) return new URL(`http://localhost${r}`)
    const absolute = new URL(r)
    if (absolute.protocol === "http:" || absolute.protocol === "https:")
      return new URL(`http://localhost${absolute.pathname}${absolute.search}`)
  } catch {
    // not a URL: answered 400 by the caller
  }
  return undefined
}

/** The 400 of a request target that is not one. */
export const badTarget = (res: ServerResponse): void =>
  json(res, 400, {
    _tag: "InvalidInput",
    field: "request-target",
    message: "request-target: expected a path such as /appeals or an absolute http URL"
  })

/** The 405 of a method neither the API nor the pages answer, naming it. */
export const methodNotAllowed = (res: ServerResponse, method: string | undefined): void =>
  json(
    res,
    405,
    {
      _tag: "InvalidInput",
      field: "method",
      message: `method: ${JSON.stringify((method ?? "").slice(0, 32))} is not answered here; use ${METHODS.join(", ")}`
    },
    { allow: METHODS.join(", ") }
  )

const rawAnswer = (status: string, body: unknown): string => {
  const text = JSON.stringify(body)
  return `HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncache-control: no-store\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`
}

/**
 * Makes a server answer what Node's parser refuses (a malformed request
 * line or header, headers too large, an unsupported method Node cannot
 * parse) with a JSON 400 (431 for headers too large) and close the
 * connection; `CONNECT` and upgrade requests are refused the same way.
 * Answers the server.
 */
export const install = <S extends Server>(server: S): S => {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === "ECONNRESET") {
      socket.destroy()
      return
    }
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW"
    const timeout = error.code === "ERR_HTTP_REQUEST_TIMEOUT"
    socket.end(
      rawAnswer(
        tooLarge ? "431 Request Header Fields Too Large" : timeout ? "408 Request Timeout" : "400 Bad Request",
        {
          _tag: "InvalidInput",
          field: tooLarge ? "headers" : timeout ? "body" : "request",
          message: tooLarge
            ? "headers: the request's headers are too large"
            : timeout
              ? "body: the request was not received in time"
              : "request: not an HTTP/1.1 request (malformed request line or header)"
        }
      )
    )
  })
  const refuse = (_req: IncomingMessage, socket: Duplex) => {
    socket.end(
      rawAnswer("405 Method Not Allowed", {
        _tag: "InvalidInput",
        field: "method",
        message: `method: CONNECT and upgrades are not answered here; use ${METHODS.join(", ")}`
      })
    )
  }
  server.on("connect", refuse)
  server.on("upgrade", refuse)
  // only this refusal sees them: a platform's own upgrade listener (websockets) would keep the socket open
  const emit = server.emit.bind(server)
  server.emit = ((event: string | symbol, ...args: Array<unknown>): boolean => {
    if (event === "connect" || event === "upgrade") {
      refuse(args[0] as IncomingMessage, args[1] as Duplex)
      return true
    }
    return (emit as (e: string | symbol, ...a: Array<unknown>) => boolean)(event, ...args)
  }) as typeof server.emit
  return server
}

/** A body over the limit: how many bytes were allowed. */
export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`the body is over ${limitBytes} bytes`)
  }
}

/** The client stopped sending the body, or sent a malformed one (the connection is gone: nothing to answer). */
export class BodyAborted extends Error {
  constructor() {
    super("the request body was aborted or malformed")
  }
}

/**
 * Reads a request body, refusing at once a `Content-Length` over `limit` and
 * counting the bytes of any body (chunked too) as they arrive: over the
 * limit, reading stops and it rejects with {@link BodyTooLarge} (nothing more
 * is buffered); a body the client aborts or malforms rejects with
 * {@link BodyAborted}.
 */
export const readBody = (req: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const declared = req.headers["content-length"]
    if (declared !== undefined && !(Number(declared) <= limit)) {
      reject(new BodyTooLarge(limit))
      return
    }
    const chunks: Array<Buffer> = []
    let size = 0
    const onData = (c: Buffer) => {
      size += c.length
      if (size > limit) {
        req.off("data", onData)
        req.pause()
        chunks.length = 0
        reject(new BodyTooLarge(limit))
        return
      }
      chunks.push(c)
    }
    req.on("data", onData)
    req.on("end", () => resolve(Buffer.concat(chunks)))
    req.on("error", () => reject(new BodyAborted()))
    req.on("aborted", () => reject(new BodyAborted()))
  })

/** The 413 of a body over the limit (the connection is closed after it: the rest is not read). */
export const payloadTooLarge = (res: ServerResponse, limitBytes: number): void =>
  json(
    res,
    413,
    {
      _tag: "PayloadTooLarge",
      limitBytes,
      message: `the body is over ${limitBytes} bytes; at most ${limitBytes} are accepted`
    },
    { connection: "close" }
  )

/** The grace period of {@link drain} when none is given: `CITYHALL_SHUTDOWN_GRACE_SECONDS`, else 10 s. */
export const defaultGraceMs = (env: NodeJS.ProcessEnv = process.env): number => {
  const s = Number(env["CITYHALL_SHUTDOWN_GRACE_SECONDS"])
  return Number.isFinite(s) && s >= 0 ? s * 1000 : 10_000
}

/** What {@link drain} did: requests still in flight when the grace period ended (their connections were closed). */
export interface Drained {
  readonly cutOff: number
}

/**
 * Tracks the requests in flight on a server (so that {@link drain} can wait
 * for them); answers a function that counts them now. Call once, before
 * the server listens.
 */
export const track = (server: Server): (() => number) => {
  const inFlight = new Set<ServerResponse>()
  server.on("request", (_req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res)
    res.once("close", () => {
      inFlight.delete(res)
      server.emit("cityhall:settled")
    })
  })
  const count = () => inFlight.size
  tracked.set(server, { count, responses: inFlight })
  return count
}
const tracked = new WeakMap<Server, { readonly count: () => number; readonly responses: ReadonlySet<ServerResponse> }>()

/**
 * Stops a server gracefully: it stops accepting connections at once, closes
 * idle keep-alive connections, lets the requests in flight finish (their
 * answers say `Connection: close`), and after `graceMs` closes whatever is
 * left. Resolves when the server is closed.
 */
export const drain = (server: Server, graceMs: number = defaultGraceMs()): Promise<Drained> =>
  new Promise((resolve) => {
    const inFlight = tracked.get(server)?.count ?? (() => 0)
    let cutOff = 0
    const closed = new Promise<void>((r) => server.close(() => r()))
    // answers written from now on close their connection: those in flight and any on a keep-alive connection
    for (const res of tracked.get(server)?.responses ?? []) if (!res.headersSent) res.setHeader("connection", "close")
    server.on("request", (_req: IncomingMessage, res: ServerResponse) => {
      if (!res.headersSent) res.setHeader("connection", "close")
    })
    server.closeIdleConnections()
    const timer = setTimeout(() => {
      cutOff = inFlight()
      server.closeAllConnections()
    }, graceMs)
    const settled = () => {
      server.closeIdleConnections()
      if (inFlight() === 0) {
        clearTimeout(timer)
        server.closeAllConnections()
      }
    }
    server.on("cityhall:settled", settled)
    settled()
    void closed.then(() => {
      clearTimeout(timer)
      resolve({ cutOff })
    })
  })

/**
 * Waits for SIGTERM or SIGINT, then {@link drain}s the server (the grace
 * period from `CITYHALL_SHUTDOWN_GRACE_SECONDS`, default 10 s) and resolves:
 * the caller then closes its stores and the broker relay (their scopes).
 */
export const untilSignal = (
  server: Server,
  options: { readonly graceMs?: number; readonly signals?: ReadonlyArray<NodeJS.Signals> } = {}
): Promise<Drained> =>
  new Promise((resolve) => {
    const signals = options.signals ?? ["SIGTERM", "SIGINT"]
    const onSignal = () => {
      for (const s of signals) process.off(s, onSignal)
      void drain(server, options.graceMs ?? defaultGraceMs()).then(resolve)
    }
    for (const s of signals) process.once(s, onSignal)
  })
