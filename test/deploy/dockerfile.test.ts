/**
 * deploy/Dockerfile, checked without Docker (the development machine has the docker client
 * but no daemon, so the image itself is not built here): the Job runs the image the Dockerfile
 * builds (tag = package.json's version), the build stage compiles with `npm ci` + `npm run
 * build`, the runtime stage holds only production dependencies and dist/src, every module
 * src/ imports is a production dependency, every COPY source exists and passes .dockerignore,
 * `vrsim` on the image's PATH runs the file the runtime stage copies (run here with /app
 * mapped to this checkout), the image's user is the Job's non-root user, and every command the
 * Job's scripts run is vrsim or a tool of the base image. Spawns dist/ (built by `npm test`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

interface Instruction { readonly op: string; readonly args: string }
interface Stage { readonly from: string; readonly name: string; readonly steps: Instruction[] }

/** The Dockerfile's stages, continuation lines joined, comments dropped. */
function stages(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const out: { from: string; name: string; steps: Instruction[] }[] = [];
  for (const line of lines) {
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (op!.toUpperCase() === 'FROM') {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args!)!;
      out.push({ from: image!, name: name ?? String(out.length), steps: [] });
    } else out.at(-1)!.steps.push({ op: op!.toUpperCase(), args: args! });
  }
  return out;
}

/** COPY [--from=x] [--chmod=y] src... dest. */
function copyOf(step: Instruction): { from?: string; sources: string[]; dest: string } {
  const words = step.args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const paths = words.filter((w) => !w.startsWith('--'));
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
  return { ...(from === undefined ? {} : { from }), sources: paths.slice(0, -1), dest: paths.at(-1)! };
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
const [build, runtime] = stages(readFileSync('deploy/Dockerfile', 'utf8'));
const runs = (s: Stage) => s.steps.filter((x) => x.op === 'RUN').map((x) => x.args);
const copies = (s: Stage) => s.steps.filter((x) => x.op === 'COPY').map(copyOf);
const workdir = (s: Stage) => s.steps.filter((x) => x.op === 'WORKDIR').at(-1)!.args;

interface Container { image: string; command: string[]; args: string[] }
interface PodSpec { containers: Container[]; initContainers?: Container[]; securityContext?: Record<string, unknown> }
const jobs = parseAllDocuments(readFileSync('deploy/reach-indexed-job.yaml', 'utf8'))
  .map((d) => d.toJS() as { kind: string; spec: { template?: { spec: PodSpec } } })
  .filter((d) => d.kind === 'Job').map((d) => d.spec.template!.spec);
const containers = jobs.flatMap((s) => [...(s.initContainers ?? []), ...s.containers]);

/** What node:20-bookworm-slim has for the Job's scripts: dash's builtins, coreutils, findutils. */
const BASE_IMAGE_TOOLS = new Set(['set', '[', 'test', 'cd', 'echo', 'printf', 'find', 'wc', 'sleep', 'mv', 'cat', 'cp', 'rm', 'ls', 'mkdir']);
const SHELL_WORDS = new Set(['until', 'while', 'do', 'done', 'if', 'then', 'else', 'fi', '!']);

/** The command names a shell script runs: the first word of every line, pipe stage, `;` or `$(...)` part. */
function commandsOf(script: string): string[] {
  const names: string[] = [];
  for (const part of script.split(/\n|;|\||&&|\$\(/)) {
    const words = part.trim().split(/\s+/).filter((w) => w !== '' && !SHELL_WORDS.has(w) && !/^\w+=/.test(w));
    const first = words[0]?.replace(/^"+/, '');
    if (first !== undefined && first !== '') names.push(first);
  }
  return names;
}

describe('deploy/Dockerfile', () => {
  it('builds in a node:20 stage with npm ci and npm run build, and the runtime stage is node:20 too (package.json engines: Node 20.19+)', () => {
    expect(build!.from).toBe('node:20-bookworm-slim');
    expect(runtime!.from).toBe('node:20-bookworm-slim');
    expect(runs(build!)).toEqual(['npm ci --no-audit --no-fund', 'npm run build']);
  });

  it('the Job runs the image the Dockerfile is tagged as: vrsim:<package.json version>', () => {
    const header = readFileSync('deploy/Dockerfile', 'utf8');
    expect(header).toContain(`docker build -f deploy/Dockerfile -t vrsim:${pkg.version} .`);
    expect(containers.length).toBe(3);
    for (const c of containers) expect(c.image).toBe(`vrsim:${pkg.version}`);
  });

  it('the runtime stage installs only production dependencies and takes only dist/src from the build', () => {
    expect(runs(runtime!).join(' && ')).toMatch(/^npm ci --omit=dev\b/);
    const fromBuild = copies(runtime!).filter((c) => c.from !== undefined);
    expect(fromBuild).toEqual([{ from: build!.name, sources: ['/app/dist/src'], dest: './dist/src' }]);
    for (const c of copies(runtime!)) for (const s of c.sources) expect(s, 'no node_modules copied in').not.toContain('node_modules');
  });

  it('every package src/ imports is a production dependency (the runtime stage has no dev dependency)', () => {
    const imported = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir)) {
        const file = join(dir, entry);
        if (statSync(file).isDirectory()) walk(file);
        else if (file.endsWith('.ts')) {
          // `import ... from 'x'`, `export ... from 'x'`, `import 'x'` and `import('x')`, bare specifiers only.
          for (const m of readFileSync(file, 'utf8').matchAll(/(?:^|[\s}])(?:from\s+|import\s*\(?\s*)'([@a-z][^'\s]*)'/gm)) {
            const spec = m[1]!;
            if (spec.startsWith('node:')) continue;
            imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
          }
        }
      }
    };
    walk('src');
    expect([...imported].sort()).toEqual(Object.keys(pkg.dependencies).sort());
    for (const name of imported) expect(Object.keys(pkg.devDependencies), name).not.toContain(name);
  });

  it('every COPY source from the context exists and is let through .dockerignore (which lets nothing else in)', () => {
    const ignore = readFileSync('.dockerignore', 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
    expect(ignore[0]).toBe('*');
    const allowed = ignore.slice(1).map((l) => { expect(l.startsWith('!'), l).toBe(true); return l.slice(1).replace(/\/$/, ''); });
    const sources = [...copies(build!), ...copies(runtime!)].filter((c) => c.from === undefined).flatMap((c) => c.sources);
    for (const s of sources) {
      expect(existsSync(s), s).toBe(true);
      expect(allowed, s).toContain(s.replace(/\/$/, ''));
    }
    expect(new Set(sources)).toEqual(new Set(allowed));
  });

  it('vrsim on the PATH and the ENTRYPOINT run the CLI the runtime stage copies, and it runs (here, with /app this checkout)', () => {
    const app = workdir(runtime!);
    expect(app).toBe('/app');
    const wrapper = copies(runtime!).find((c) => c.dest === '/usr/local/bin/vrsim')!;
    expect(wrapper.sources).toEqual(['deploy/vrsim']);
    const text = readFileSync('deploy/vrsim', 'utf8');
    const target = /^exec node (\S+) "\$@"$/m.exec(text)![1]!;
    expect(target).toBe('/app/dist/src/cli/main.js');
    expect(runtime!.steps.find((x) => x.op === 'ENTRYPOINT')!.args).toBe(`["node", "${target}"]`);
    // The file lies under what the runtime stage copies (dist/src into /app), and exists in a build.
    expect(target.startsWith(`${app}/dist/src/`)).toBe(true);
    expect(existsSync(target.replace(`${app}/`, ''))).toBe(true);
    const local = text.replace(/\/app\//g, `${resolve('.')}/`);
    expect(execFileSync('sh', ['-c', local, 'vrsim', '--version'], { encoding: 'utf8' }).trim()).toBe(pkg.version);
  });

  it("the image's user is not root and is the user the Job's pods run as, with fsGroup for the results volume", () => {
    const user = runtime!.steps.filter((x) => x.op === 'USER').at(-1)!.args;
    const [uid, gid] = user.split(':').map(Number);
    expect(uid).toBeGreaterThan(0);
    for (const spec of jobs) {
      expect(spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid });
    }
  });

  it("every command the Job's scripts run is vrsim or a tool of the base image, under sh", () => {
    const seen = new Set<string>();
    for (const c of containers) {
      expect(c.command).toEqual(['sh', '-c']);
      for (const name of commandsOf(c.args.join('\n'))) {
        seen.add(name);
        if (name !== 'vrsim') expect(BASE_IMAGE_TOOLS.has(name), `${name} in the base image`).toBe(true);
      }
    }
    expect(seen).toContain('vrsim');
    expect([...seen].sort()).toEqual(['[', 'cat', 'find', 'mv', 'set', 'sleep', 'vrsim', 'wc']);
  });
});
