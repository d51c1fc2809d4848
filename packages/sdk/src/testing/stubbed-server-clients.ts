import { afterEach } from 'vitest';
import { createDulyServer, type DulyServer } from '../server/duly-server.js';
import {
  type ReceivedRequest,
  type StubResponse,
  type StubServer,
  startStubServer,
} from './stub-server.js';

export interface StubbedServerClient {
  duly: DulyServer;
  /** Requests the stub received, in order. */
  requests: ReceivedRequest[];
}

/**
 * Returns starters of a stub API and a server SDK client of it, for the tests of one file.
 * Call it at the top level of the file: it registers an `afterEach` that closes the stub.
 */
export function stubbedServerClients() {
  let server: StubServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Starts a stub that replies to every request with `response`, and a client of it. */
  const clientReplying = async (response: StubResponse): Promise<StubbedServerClient> => {
    server = await startStubServer(() => response);
    return {
      duly: createDulyServer({ secretKey: 'sk_test_abc', api: server.url }),
      requests: server.requests,
    };
  };

  /** Starts a stub that replies to every request with `status` and `body`, and a client of it. */
  const clientAnswering = (status: number, body: unknown = {}) => clientReplying({ status, body });

  return { clientAnswering, clientReplying };
}
