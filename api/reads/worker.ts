import { Piscina, move, transferableSymbol, valueSymbol } from 'piscina';
import { connect } from '../../db/connect.js';
import { TrackingStore } from '../../db/store/index.js';
import { InProcessBus } from '../../schema/live/bus.js';
import type { ServerDeps } from '../../schema/context.js';
import { openRunArtifacts } from '../artifacts/run-artifacts.js';
import { answerRead } from '../mlflow/router.js';
import { mlflowEndpointTables } from '../mlflow/routes.js';
import { executeQuery } from './execute-query.js';
import type { ReadAnswer, ReadPoolOptions, ReadTask } from './pool.js';

/**
 * A read worker (see pool.ts): its own read-only database connection, and the server's schema and
 * MLflow REST handlers over it. It answers reads only; nothing here writes.
 */
const options = Piscina.workerData as ReadPoolOptions;
const encoder = new TextEncoder();

/**
 * Opened on the first task (the pool's start-up ping), not when the module loads: piscina replaces a
 * worker that died (one over its heap limit) at once, possibly while the server is closing and its
 * database is gone; a replacement that opens nothing until asked cannot fail there.
 */
let opened: ReturnType<typeof open> | undefined;

async function open() {
  const store = new TrackingStore(connect(options.db, { readonly: true, busyTimeoutMs: options.busyTimeoutMs, poolSize: 2 }));
  const artifacts = await openRunArtifacts(options.artifacts, store);
  const deps: ServerDeps = { store, bus: new InProcessBus(), artifacts };
  return { store, deps, mlflow: mlflowEndpointTables({ store, artifacts }) };
}

export default async function read(request: ReadTask): Promise<unknown> {
  opened ??= open();
  const { store, deps, mlflow } = await opened;
  if (request.kind === 'ping') return undefined;
  if (request.kind === 'mlflow') {
    const answer = await answerRead(mlflow, store, request.task);
    return moved({ ...answer, body: encoder.encode(answer.body) });
  }
  const { status, body } = await executeQuery(deps, request.task);
  return moved({ status, headers: {}, body: encoder.encode(body) });
}

/** The answer with its body's memory moved to the main thread rather than copied. */
function moved(answer: ReadAnswer) {
  return move({
    get [transferableSymbol]() {
      return [answer.body.buffer];
    },
    get [valueSymbol]() {
      return answer;
    },
  });
}
