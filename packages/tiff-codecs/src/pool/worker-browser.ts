/** The encoder worker (Web Worker): encodes one task per message, transferring the result back. */
import { answer } from './worker-answer.js';

const scope = globalThis as unknown as {
  onmessage: ((event: { data: Parameters<typeof answer>[0] }) => void) | null;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
};
scope.onmessage = (event) => {
  void answer(event.data).then(({ reply, transfer }) => scope.postMessage(reply, transfer));
};
