import { expect, it } from 'vitest';

/*
 * CI runs the suite twice: on the machine's Node and on Node 24 from the npm registry, with
 * COFUND_EXPECT_NODE=24. This test is the proof that the second run's tests really ran on Node 24
 * (vitest's workers inherit the runtime of the vitest process that forked them).
 */
it('runs the tests on the Node major CI asked for', () => {
  const major = process.versions.node.split('.')[0];
  console.log(`[cofund] tests run on Node ${process.version}`);
  expect(major).toBe(process.env.COFUND_EXPECT_NODE ?? major);
  // Node 20 (end of life) is still what these machines ship; below it nothing is tested.
  expect(Number(major)).toBeGreaterThanOrEqual(20);
});
