import { run } from './run';

// Entry point of bin/cofund.js. Unexpected errors are bugs: they end with a stack trace, exit 1.
process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
