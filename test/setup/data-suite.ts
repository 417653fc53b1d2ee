import { dataDir, dataDirExists, missingDataMessage } from '../helpers/data-dir.js';

/** Global setup of the data suite: stop at once, with one message, when the data sets are absent. */
export default function setup(): void {
  const dir = dataDir();
  if (!dataDirExists(dir)) {
    const e = new Error(missingDataMessage(dir));
    e.stack = e.message; // the message is the whole story; a stack trace would only bury it
    throw e;
  }
}
