/**
 * Parses a scenario file (YAML, line numbers kept by `yaml`'s LineCounter) into a typed
 * `Scenario`: name, source, description, settings merged over DEFAULT_SETTINGS, the initial
 * resources and the steps. Included manifests are read through the caller's `readInclude`
 * (this layer does no file I/O).
 *
 * Guarantees: all problems of the file are collected and thrown together as one
 * `InputError` (file:line: field path: what was expected); an inline manifest keeps the
 * scenario file's line numbers, so the loader's diagnostics point into the scenario.
 * The file is read as manifests are: YAML 1.1 scalars as kubectl (`yes`/`on` are booleans,
 * `010` octal), nesting bounded before composing (src/model/yaml-source.ts).
 * This pass checks shape only; `plan.ts` checks references against the model.
 */
import { isSeq, LineCounter, parseDocument } from 'yaml';
import { InputError } from '../model/diagnostics.js';
import { TOO_DEEP_MESSAGE, YAML_OPTIONS, tooDeepLine } from '../model/yaml-source.js';
import { asMapView, field, lineOfNode, readMap, report, type MapView, type ReadContext } from '../model/field-reader.js';
import type { Diagnostic } from '../model/types.js';
import { DEFAULT_SETTINGS, type ClusterSettings } from '../sim/cluster/types.js';
import { checkFields, fail, readDuration, readEnum, readInt, readText, required, scalarValue } from './parse-helpers.js';
import { manifestSource, parseStep } from './parse-steps.js';
import type { ManifestSource, ManifestText, Scenario, Step } from './types.js';

export interface ScenarioInput {
  readonly file: string;
  readonly text: string;
}

/** Reads a file named relative to the scenario; `file` is how diagnostics will name it. */
export type IncludeReader = (relativePath: string) => { readonly file: string; readonly text: string } | undefined;

export interface ParseOptions {
  /** Overrides `settings.seed` (the CLI's `--seed`). */
  readonly seed?: number;
}

const TOP_FIELDS = ['name', 'source', 'description', 'settings', 'pause', 'capture', 'resources', 'steps'];

/** Default virtual pause between two commands: enough for connections to finish closing. */
export const DEFAULT_PAUSE_MS = 1000;

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? path : path.slice(i + 1);
}

export function parseScenario(input: ScenarioInput, readInclude: IncludeReader, options: ParseOptions = {}): Scenario {
  const lines = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const ctx: ReadContext = { file: input.file, lines, diagnostics };
  // Read as manifests are (src/model/yaml-source.ts): the nesting bound first, then YAML 1.1 scalars as kubectl reads them.
  const deep = tooDeepLine(input.text);
  if (deep !== undefined) {
    report(ctx, 'error', deep, '', TOO_DEEP_MESSAGE);
    throw new InputError(diagnostics);
  }
  const doc = parseDocument(input.text, { ...YAML_OPTIONS, lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) report(ctx, 'error', lines.linePos(e.pos[0]).line, '', `malformed YAML: ${e.message.split('\n')[0] ?? ''}`);
    throw new InputError(diagnostics);
  }
  const root = asMapView(ctx, doc.contents, 1, '');
  if (root === undefined) throw new InputError(diagnostics);
  checkFields(root, TOP_FIELDS);

  const nameField = required(root, 'name', 'a title for the scenario');
  const name = nameField === undefined ? '' : (readText(root, 'name') ?? '');
  const sourceField = required(root, 'source', 'where the lab comes from (book, blog, course)');
  const source = sourceField === undefined ? '' : (readText(root, 'source') ?? '');
  const description = readText(root, 'description') ?? '';
  const settings = readSettings(root, options);
  const pauseMs = readDuration(root, 'pause') ?? DEFAULT_PAUSE_MS;
  const capture = readText(root, 'capture');

  const resolveManifest = (src: ManifestSource, path: string): ManifestText | undefined => {
    if (src.kind === 'inline') {
      return { file: input.file, text: '\n'.repeat(Math.max(0, src.line - 1)) + src.text, shownName: '-', lineOffset: src.line - 1 };
    }
    const found = readInclude(src.path);
    if (found === undefined) return fail(ctx, src.line, path, `cannot read manifest file "${src.path}" (paths are relative to the scenario file)`);
    return { file: found.file, text: found.text, shownName: baseName(src.path), lineOffset: 0 };
  };

  const resources: ManifestText[] = [];
  const resField = field(root, 'resources');
  if (resField !== undefined) {
    const seq = resField.value;
    if (!isSeq(seq)) fail(ctx, resField.line, 'resources', 'expected a list of { file: ... } or { inline: ... }');
    else
      seq.items.forEach((item, i) => {
        const path = `resources[${i}]`;
        const src = manifestSource(ctx, item, lineOfNode(ctx, item, resField.line), path);
        const m = src === undefined ? undefined : resolveManifest(src, path);
        if (m !== undefined) resources.push(m);
      });
  }

  const steps: Step[] = [];
  const stepsField = required(root, 'steps', 'a list of steps');
  if (stepsField !== undefined) {
    const seq = stepsField.value;
    if (!isSeq(seq)) fail(ctx, stepsField.line, 'steps', 'expected a list of steps');
    else
      seq.items.forEach((item, i) => {
        const step = parseStep({ ctx, resolveManifest }, item, lineOfNode(ctx, item, stepsField.line), i);
        if (step !== undefined) steps.push(step);
      });
  }

  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new InputError(errors);
  return {
    file: input.file, name, source, description, settings, pauseMs, resources, steps, origin: { file: input.file, line: 1 },
    ...(capture === undefined || capture === '' ? {} : { capture }),
  };
}

function readSettings(root: MapView, options: ParseOptions): ClusterSettings {
  const s = readMap(root, 'settings');
  let settings: ClusterSettings = DEFAULT_SETTINGS;
  if (s !== undefined) {
    checkFields(s, ['enforcement', 'semantics', 'policyChange', 'seed', 'flowTable', 'agent', 'agingSeconds', 'linkLatencyUs']);
    const enforcement = readEnum(s, 'enforcement', ['flow', 'packet', 'none'] as const);
    const policyChange = readEnum(s, 'policyChange', ['reevaluate', 'keep'] as const);
    const semantics = readEnum(s, 'semantics', ['kubernetes', 'contrail'] as const);
    const seed = readInt(s, 'seed', 0, 0xffffffff);
    const agingSeconds = readInt(s, 'agingSeconds', 1);
    const linkLatencyUs = readInt(s, 'linkLatencyUs', 0);
    let flowTable = DEFAULT_SETTINGS.flowTable;
    const ft = readMap(s, 'flowTable');
    if (ft !== undefined) {
      checkFields(ft, ['entries', 'overflowEntries']);
      const entries = readInt(ft, 'entries', 4, 1 << 26);
      if (entries !== undefined && entries % 4 !== 0) fail(ft.ctx, field(ft, 'entries')?.line ?? ft.line, 'settings.flowTable.entries', `${entries} is not a multiple of 4 (4-entry buckets)`);
      const overflowEntries = readInt(ft, 'overflowEntries', 0, 1 << 26);
      flowTable = { entries: entries ?? flowTable.entries, ...(overflowEntries === undefined ? {} : { overflowEntries }) };
    }
    let agent = DEFAULT_SETTINGS.agent;
    const ag = readMap(s, 'agent');
    if (ag !== undefined) {
      checkFields(ag, ['latencyMs', 'setupRate', 'holdLimit', 'maxFlows']);
      const latency = field(ag, 'latencyMs');
      const latencyMs = scalarValue(latency?.value);
      if (latency !== undefined && (typeof latencyMs !== 'number' || latencyMs < 0)) fail(ag.ctx, latency.line, 'settings.agent.latencyMs', 'expected a non-negative number of milliseconds');
      const setupRate = readInt(ag, 'setupRate', 1);
      const holdLimit = readInt(ag, 'holdLimit', 1);
      const maxFlows = readInt(ag, 'maxFlows', 0);
      agent = {
        latencyUs: typeof latencyMs === 'number' && latencyMs >= 0 ? Math.round(latencyMs * 1000) : agent.latencyUs,
        setupRatePerSecond: setupRate ?? agent.setupRatePerSecond,
        holdLimit: holdLimit ?? agent.holdLimit,
        ...(maxFlows === undefined || maxFlows === 0 ? {} : { maxFlowsPerInterface: maxFlows }),
      };
    }
    settings = {
      enforcement: enforcement ?? settings.enforcement,
      semantics: semantics ?? settings.semantics,
      policyChange: policyChange ?? settings.policyChange,
      seed: seed ?? settings.seed,
      flowTable,
      agent,
      agingSeconds: agingSeconds ?? settings.agingSeconds,
      linkLatencyUs: linkLatencyUs ?? settings.linkLatencyUs,
    };
  }
  return options.seed === undefined ? settings : { ...settings, seed: options.seed };
}
