// Every directory implementation as a table for suites whose answers must not depend on where the directory lives.

import { useDirectory } from './domainFixture.js';
import { LocalGraph } from './localGraph.js';

/**
 * Defines `describe("<title> [seed]")` and `describe("<title> [graph]")` around the same body. In the Graph run
 * every fixture's seed is served by a local Graph on 127.0.0.1 and read through GraphDirectory (msal-node tokens
 * included), so the same table proves both directories give the same answers.
 */
export function forEachDirectory(title: string, body: () => void): void {
  describe(`${title} [seed]`, body);
  describe(`${title} [graph]`, () => {
    const graph = new LocalGraph();
    before(async () => {
      await graph.start();
      useDirectory((seed) => graph.directoryFor(seed));
    });
    after(async () => {
      useDirectory();
      await graph.stop();
    });
    body();
  });
}
