import type { LintDocument } from '../documents/parse.js';
import type { DocumentKind } from '../types.js';
import type { Workspace } from '../workspace.js';

/** What a fact provider may read besides its document: the other documents, the clock, thresholds. */
export interface FactContext {
  workspace: Workspace;
  /** "Now", injected so that tests and reports are deterministic. */
  now: Date;
  thresholds: Readonly<Record<string, number>>;
}

/**
 * A family of facts computed together from one document. Facts are plain, flat values
 * (numbers, strings, booleans, lists of text matches) so rules stay cheap to evaluate.
 */
export interface FactProvider {
  id: string;
  kinds: readonly DocumentKind[];
  /** Every fact name it returns, with a one-line description (shown by `rules explain` and checked when packs load). */
  facts: Readonly<Record<string, string>>;
  compute(doc: LintDocument, ctx: FactContext): Record<string, unknown>;
}

/** Lazily computed facts of one document: a provider runs at most once, and only if a rule asks for one of its facts. */
export class FactSet {
  private readonly values = new Map<string, unknown>();
  private readonly done = new Set<string>();

  constructor(
    readonly doc: LintDocument,
    private readonly ctx: FactContext,
    private readonly providers: ReadonlyMap<string, FactProvider>,
  ) {}

  has(name: string): boolean {
    return this.providers.has(name);
  }

  get(name: string): unknown {
    // Rules read the same facts many times per document: one lookup when the value is there (facts are rarely undefined).
    const value = this.values.get(name);
    if (value !== undefined || this.values.has(name)) return value;
    const provider = this.providers.get(name);
    if (!provider || this.done.has(provider.id)) return undefined;
    this.done.add(provider.id);
    const computed = provider.compute(this.doc, this.ctx);
    for (const k in computed) this.values.set(k, computed[k]);
    return this.values.get(name);
  }

  /** The values a message may quote: all computed facts so far. */
  snapshot(): Record<string, unknown> {
    return Object.fromEntries(this.values);
  }
}

export class FactRegistry {
  private readonly byKind = new Map<DocumentKind, Map<string, FactProvider>>();
  private readonly all: FactProvider[] = [];

  register(provider: FactProvider): void {
    this.all.push(provider);
    for (const kind of provider.kinds) {
      let map = this.byKind.get(kind);
      if (!map) this.byKind.set(kind, (map = new Map()));
      for (const fact of Object.keys(provider.facts)) {
        if (map.has(fact)) throw new Error(`fact "${fact}" is provided twice for ${kind} (${map.get(fact)!.id} and ${provider.id})`);
        map.set(fact, provider);
      }
    }
  }

  providersFor(kind: DocumentKind): ReadonlyMap<string, FactProvider> {
    return this.byKind.get(kind) ?? new Map();
  }

  factNames(kind: DocumentKind): string[] {
    return [...this.providersFor(kind).keys()];
  }

  describe(fact: string): string | undefined {
    for (const p of this.all) if (fact in p.facts) return p.facts[fact];
    return undefined;
  }

  factsFor(doc: LintDocument, ctx: FactContext): FactSet {
    return new FactSet(doc, ctx, this.providersFor(doc.kind));
  }
}
