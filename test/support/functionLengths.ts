import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

export interface LongFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
  /** The reason written above it ("Long because …"), if any. */
  reason: string | null;
}

const REASON = /Long because\b/;

function* typescriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typescriptFiles(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

function nameOf(node: ts.Node, source: ts.SourceFile): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText(source);
  if (ts.isVariableDeclaration(node.parent)) return node.parent.name.getText(source);
  if (ts.isPropertyAssignment(node.parent)) return node.parent.name.getText(source);
  return "(anonymous)";
}

/** The comments written above a function, or above the statement that declares it. */
function commentsAbove(node: ts.Node, source: ts.SourceFile): string {
  let holder: ts.Node = node;
  while (
    holder.parent &&
    !ts.isSourceFile(holder.parent) &&
    !ts.isBlock(holder.parent) &&
    !ts.isClassLike(holder.parent)
  ) {
    if (ts.isCallExpression(holder.parent)) break;
    holder = holder.parent;
  }
  const text = source.getFullText();
  return (ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? [])
    .map((r) => text.slice(r.pos, r.end))
    .join("\n");
}

/** Every function in `dir` longer than `maxLines` lines, with the reason written above it if any. */
export function longFunctions(dir: string, maxLines: number): LongFunction[] {
  const found: LongFunction[] = [];
  for (const file of typescriptFiles(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && "body" in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        const lines = end - start + 1;
        if (lines > maxLines) {
          const comments = commentsAbove(node, source);
          const reason = REASON.test(comments) ? comments : null;
          found.push({ file, line: start + 1, name: nameOf(node, source), lines, reason });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
