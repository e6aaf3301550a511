import type { CatalogOperation } from "../catalog/catalog.js";
import { describeRef, type RecordedEntry } from "../har/types.js";
import { REDACTED, redactText } from "../redact/redact-text.js";
import type { SelectedCall } from "../select/select.js";
import { WarningList } from "../warnings.js";
import { decodeBody } from "./body.js";
import { OperationDraft } from "./draft.js";
import { templateJson } from "./json-template.js";
import { uniqueName } from "./names.js";
import { type Recognized, recognize } from "./recognize.js";
import { authOf, contentTypeHeader, templateHeaders, templatePath } from "./request-parts.js";
import { responseOf } from "./response.js";
import { isSecretHeader, isSecretValue } from "./secrets.js";
import { templateForm, templateText } from "./text-template.js";
import {
  type BodyTemplate,
  type Call,
  type Operation,
  ParamRef,
  type SelectionStats,
  type SessionModel,
} from "./types.js";
import { VariableTable } from "./variables.js";
import { VaryingFields } from "./varying.js";

interface Built {
  operation: Omit<Operation, "key">;
  baseKey: string;
  call: Omit<Call, "operationKey">;
  authRecorded: boolean;
}

function fieldsOf(operation: CatalogOperation | undefined) {
  return new Map((operation?.bodyFields ?? []).map((field) => [field.path, field]));
}

/** Deepest JSON body that is templated; MK/IO bodies are under ten levels deep. */
const MAX_BODY_DEPTH = 100;

/** Measures nesting without recursion, so that a hostile body cannot overflow the stack. */
function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    if (typeof current !== "object" || current === null) continue;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function templateBody(
  entry: RecordedEntry,
  draft: OperationDraft,
  variables: VariableTable,
  catalogOperation: CatalogOperation | undefined,
  warnings: WarningList,
  varying: ReadonlySet<string> | undefined,
): BodyTemplate | undefined | "unsupported" {
  const body = decodeBody(entry.request.postData, contentTypeHeader(entry));
  switch (body.kind) {
    case "none":
      return undefined;
    case "binary":
      warnings.add(
        describeRef(entry.ref, "request.postData"),
        "binary request body cannot be templated; call skipped",
      );
      return "unsupported";
    case "json": {
      if (jsonDepth(body.value) > MAX_BODY_DEPTH) {
        warnings.add(
          describeRef(entry.ref, "request.postData"),
          `JSON body is nested deeper than ${MAX_BODY_DEPTH} levels; call skipped`,
        );
        return "unsupported";
      }
      const fields = fieldsOf(catalogOperation);
      const context = { draft, variables, fields, varying: varying ?? new Set<string>() };
      return { kind: "json", mimeType: body.mimeType, value: templateJson(body.value, context) };
    }
    case "text": {
      if (body.warning) warnings.add(describeRef(entry.ref, "request.postData"), body.warning);
      const form = /^application\/x-www-form-urlencoded/i.test(body.mimeType);
      const parts = form
        ? templateForm(body.text, "body", draft, variables)
        : templateText(body.text, draft, variables);
      return { kind: "text", mimeType: body.mimeType, parts };
    }
  }
}

function baseKeyOf(recognized: Recognized): string {
  if (recognized.catalogId) return recognized.catalogId;
  const [first = "", ...rest] = recognized.name.split(" ");
  return [first.toLowerCase(), ...rest].join("");
}

function buildOne(
  selected: SelectedCall,
  variables: VariableTable,
  warnings: WarningList,
  varying?: ReadonlySet<string>,
): Built | undefined {
  const { entry, url } = selected;
  const recognized = recognize(selected);

  // Parameters are added in the order path, query, body, headers: the order functions take them.
  const draft = new OperationDraft();
  const pathParts = templatePath(url, recognized, draft, variables);
  const queryParts = url.query ? templateForm(url.query, "query", draft, variables) : [];
  const catalogOperation = selected.match?.operation;
  const body = templateBody(entry, draft, variables, catalogOperation, warnings, varying);
  if (body === "unsupported") return undefined;
  const headers = templateHeaders(entry, body?.mimeType, draft, variables);
  const auth = authOf(entry, recognized);

  const operation: Omit<Operation, "key"> = {
    catalogId: recognized.catalogId,
    name: recognized.name,
    resource: recognized.resource,
    undocumented: recognized.catalogId === null,
    method: entry.request.method,
    shape: recognized.shape,
    auth: auth.scheme,
    pathTemplate: displayTemplate(pathParts),
    pathParts,
    queryParts,
    headers,
    parameters: draft.parameters,
  };
  if (body) operation.body = body;

  const call: Omit<Call, "operationKey"> = {
    args: draft.args,
    count: selected.count,
    status: entry.response.status,
    refs: selected.refs,
    response: responseOf(entry),
  };
  if (entry.startedDateTime) call.startedDateTime = entry.startedDateTime;
  return { operation, baseKey: baseKeyOf(recognized), call, authRecorded: auth.recorded };
}

function displayTemplate(parts: Operation["pathParts"]): string {
  return parts.map((part) => ("text" in part ? part.text : `{${part.slot.param}}`)).join("");
}

/** Serializes everything that makes two calls share one template: all but the arguments. */
function signature(operation: Omit<Operation, "key">): string {
  // Strings and parameters get distinct prefixes, so no recorded string can pass for a parameter.
  return JSON.stringify(operation, (_key, value: unknown) => {
    if (value instanceof ParamRef) return `p:${value.param}`;
    return typeof value === "string" ? `s:${value}` : value;
  });
}

/** Gives each template a unique key; a shape that coexists with the other gets `Legacy`. */
function assignKeys(groups: readonly Group[]): string[] {
  const shapesByBase = new Map<string, Set<string>>();
  for (const { baseKey, operation } of groups) {
    shapesByBase.set(baseKey, (shapesByBase.get(baseKey) ?? new Set()).add(operation.shape));
  }
  const taken = new Set<string>();
  return groups.map(({ baseKey, operation }) => {
    const mixed = (shapesByBase.get(baseKey)?.size ?? 0) > 1;
    const base = mixed && operation.shape === "legacy" ? `${baseKey}Legacy` : baseKey;
    const key = uniqueName(base, (name) => taken.has(name));
    taken.add(key);
    return key;
  });
}

/** Creates the variables of every path first, so that a body naming an asset created later in
 * the session still finds its variable. */
function pathVariables(selected: readonly SelectedCall[]): VariableTable {
  const variables = new VariableTable();
  for (const call of selected) {
    for (const [name, value] of recognize(call).values) {
      variables.intern(name, value, isSecretValue(value));
    }
  }
  return variables;
}

/**
 * Removes from recorded responses every secret value the requests carried, in plain and
 * JSON-escaped form, and any other secret-shaped text, because responses often echo the request.
 */
function redactResponses(built: { call: Omit<Call, "operationKey"> }[], secrets: string[]): void {
  const scrub = (text: string) => {
    let out = text;
    for (const secret of secrets) out = out.replaceAll(secret, REDACTED);
    return redactText(out);
  };
  for (const { call } of built) {
    const text = call.response.text;
    if (text === undefined) continue;
    // JSON is redacted value by value, so that escapes such as `\/` cannot hide a secret.
    const parsed = parseJson(text);
    // Formats walk response JSON recursively; a response nested this deep is no example anyway.
    if (parsed !== undefined && jsonDepth(parsed) > MAX_BODY_DEPTH) {
      call.response.text = undefined;
      continue;
    }
    call.response.text =
      parsed === undefined ? scrub(text) : JSON.stringify(mapStrings(parsed, scrub));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Applies `change` to every string of a JSON value, keys included, without recursion. */
function mapStrings(value: unknown, change: (text: string) => string): unknown {
  if (typeof value === "string") return change(value);
  if (typeof value !== "object" || value === null) return value;
  const root: { value: unknown } = { value: undefined };
  const stack: [unknown, (result: unknown) => void][] = [
    [value, (result) => (root.value = result)],
  ];
  while (stack.length > 0) {
    const [current, assign] = stack.pop() as [unknown, (result: unknown) => void];
    if (typeof current === "string") assign(change(current));
    else if (typeof current !== "object" || current === null) assign(current);
    else if (Array.isArray(current)) {
      const copy: unknown[] = [];
      assign(copy);
      for (const [index, item] of current.entries()) {
        stack.push([item, (result) => (copy[index] = result)]);
      }
    } else {
      const copy: Record<string, unknown> = Object.create(null);
      assign(copy);
      // Pushed last to first, so that keys are popped and inserted in their recorded order.
      for (const [key, item] of Object.entries(current).reverse()) {
        stack.push([item, (result) => (copy[change(key)] = result)]);
      }
    }
  }
  return root.value;
}

/** Collects the token, cookie and other secret header values the requests carried. */
function headerSecrets(selected: readonly SelectedCall[]): string[] {
  const secrets = new Set<string>();
  for (const { entry } of selected) {
    for (const { name, value } of entry.request.headers) {
      if (!isSecretHeader(name)) continue;
      const lower = name.toLowerCase();
      const parts =
        lower === "cookie" ? value.split(";").map((c) => c.slice(c.indexOf("=") + 1)) : [value];
      for (const part of parts) {
        const secret = part.replace(/^\s*(bearer|basic)\s+/i, "").trim();
        if (secret.length >= 6) secrets.add(secret);
      }
    }
  }
  return [...secrets];
}

interface Group {
  index: number;
  baseKey: string;
  operation: Omit<Operation, "key">;
}

/** Builds the normalized session model from the kept calls, in recorded order. */
export function buildSession(
  selected: SelectedCall[],
  stats: SelectionStats,
  warnings: WarningList,
): SessionModel {
  // A first pass on scratch tables finds the body text that varies between similar calls.
  const scratch = pathVariables(selected);
  const fields = new VaryingFields();
  for (const call of selected) fields.add(buildOne(call, scratch, new WarningList())?.operation);
  const varying = fields.result();

  const variables = pathVariables(selected);
  const groups: Group[] = [];
  const bySignature = new Map<string, Group>();
  const built: { group: Group; call: Omit<Call, "operationKey"> }[] = [];
  let authRecorded = false;
  for (const [index, selectedCall] of selected.entries()) {
    const one = buildOne(selectedCall, variables, warnings, varying[index]);
    if (!one) continue;
    authRecorded ||= one.authRecorded;
    const key = signature(one.operation);
    let group = bySignature.get(key);
    if (!group) {
      group = { index: groups.length, baseKey: one.baseKey, operation: one.operation };
      bySignature.set(key, group);
      groups.push(group);
    }
    built.push({ group, call: one.call });
  }

  const secrets = [...variables.secretValues(), ...headerSecrets(selected)];
  redactResponses(
    built,
    secrets.sort((a, b) => b.length - a.length),
  );
  const keys = assignKeys(groups);
  const keyOf = (group: Group) => keys[group.index] ?? group.baseKey;
  return {
    operations: groups.map((group) => ({ key: keyOf(group), ...group.operation })),
    calls: built.map(({ group, call }) => ({ operationKey: keyOf(group), ...call })),
    variables: variables.list(),
    stats,
    authMissing: !authRecorded && built.length > 0,
  };
}
