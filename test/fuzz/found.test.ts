/**
 * The bugs the fuzzing suite found, one row each, kept out for good (issue 9 §4). Each row is
 * the shrunk counterexample fast-check printed, run through the CLI in-process, with what the
 * CLI must answer now: the exit code and the exact stderr.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const PODS = 'scenarios/book-ch3/manifests/pods.yaml';

describe('bugs found by fuzzing', () => {
  it.each([
    // An empty path was read as a file named "": ": cannot read manifest: no such file or directory" (no file named).
    [['diff', '--after', '', '--before', PODS], 2, "vrsim: --after: an empty path names no file; expected a file or directory (- for standard input)\n"],
    [['explain', '-f', ''], 2, "vrsim: --file: an empty path names no file; expected a file or directory (- for standard input)\n"],
  ])('%j', async (argv, code, err) => {
    const run = await cli(...argv);
    expect({ code: run.code, err: run.err }).toEqual({ code, err });
  });
});
