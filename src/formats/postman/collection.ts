import type { Call, Operation, SessionModel } from "../../model/types.js";
import { type LearnedSchemas, learnedSchemas } from "../../schema/index.js";
import type { WarningList } from "../../warnings.js";
import type { ExtraFile, RenderOptions } from "../format.js";
import { authFor, sharedScheme } from "./auth.js";
import { bodyFieldsText } from "./body-fields.js";
import { cleanupEvent, encodeEvent, segmentEvent } from "./encode-script.js";
import { exampleOf, secretBodyPaths } from "./examples.js";
import { distinctCalls, iterationData } from "./iteration-data.js";
import { hasLiteralText, LiteralVariables, unkeptReferences } from "./literals.js";
import { folderName, requestNames } from "./names.js";
import {
  recordedSegments,
  requestBody,
  requestHeaders,
  requestUrl,
  type VariableOf,
} from "./request.js";
import type { Collection, Event, Folder, Item, Request } from "./types.js";
import { COLLECTION_FILE, COLLECTION_SCHEMA } from "./types.js";
import { BASE_URL, collectionNames, collectionVariables, TOKEN } from "./variables.js";

/** Everything one request needs besides its operation. */
interface Context {
  /** Collection variable name of each session variable. */
  names: ReadonlyMap<string, string>;
  requestNames: ReadonlyMap<string, string>;
  /** True when the collection carries the auth and requests inherit it. */
  collectionAuth: boolean;
  /** Schemas learned from all recorded calls of each operation, by template key. */
  learned: ReadonlyMap<string, LearnedSchemas>;
  /** Variables that contain recorded header and text body text with `{{`. */
  literals: LiteralVariables;
}

/** The recorded calls of one operation, in recorded order. */
interface OperationCalls {
  all: Call[];
  /** The calls with distinct arguments, one per row of the iteration data. */
  distinct: Call[];
}

const INFO_PARAGRAPHS = [
  "MK/IO API calls recorded in a HAR capture, converted by har2mkio.",
  `Set \`${TOKEN}\` and the empty secret variables in an environment before sending. ` +
    "Every other variable defaults to the value of its first recorded use.",
  "A request recorded with several sets of values comes with a CSV file of iteration data, " +
    "one row per recorded call.",
  "The collection's pre-request script inserts the variables of URLs and bodies encoded for " +
    "their place, so that recorded values reach the server unchanged.",
];

const LITERAL_DESCRIPTION =
  "Recorded header values and text bodies that contain `{{` are kept in variables of their own. " +
  "The pre-request script inserts every header value and text body without resolving it again, " +
  "so such text reaches the server as recorded. Each request carries its own auth, because the " +
  "script inserts the token too.";

function infoDescription(keepLiterals: boolean): string {
  const paragraphs = keepLiterals ? [...INFO_PARAGRAPHS, LITERAL_DESCRIPTION] : INFO_PARAGRAPHS;
  return paragraphs.join("\n\n");
}

function recordedNote(
  operation: Operation,
  calls: OperationCalls,
  context: Context,
  dataFile?: string,
): string[] {
  if (dataFile) {
    const name = context.requestNames.get(operation.key) ?? operation.name;
    return [
      `Recorded ${calls.distinct.length} times with different values. To repeat every call:`,
      `\`newman run ${COLLECTION_FILE} --folder "${name}" -d ${dataFile} --env-var ${TOKEN}=<token>\``,
    ];
  }
  const count = calls.all.reduce((sum, call) => sum + call.count, 0);
  return count > 1 ? [`Recorded ${count} times with the same values.`] : [];
}

function requestDescription(
  operation: Operation,
  calls: OperationCalls,
  context: Context,
  dataFile?: string,
): string {
  const paragraphs = [`${operation.method} ${operation.pathTemplate}`];
  if (operation.undocumented) paragraphs.push("Undocumented: not in the MK/IO API catalog.");
  const note = recordedNote(operation, calls, context, dataFile);
  if (note.length > 0) paragraphs.push(note.join("\n"));
  const schema = context.learned.get(operation.key)?.request;
  const fields = operation.body && schema ? bodyFieldsText(schema) : "";
  if (fields) paragraphs.push(fields);
  return paragraphs.join("\n\n");
}

/** Returns the collection variable of each parameter: the one of the first recorded call. */
function collectionVariableOf(calls: OperationCalls, context: Context): VariableOf {
  const [first] = calls.all;
  return (param: string) => {
    const variable = first?.args[param] ?? param;
    return context.names.get(variable) ?? variable;
  };
}

function requestOf(
  operation: Operation,
  calls: OperationCalls,
  context: Context,
  dataFile?: string,
): Request {
  const variableOf = collectionVariableOf(calls, context);
  const literalOf = (text: string, base: string) => context.literals.textOrReference(text, base);
  return {
    method: operation.method,
    header: requestHeaders(operation, variableOf, literalOf),
    ...(operation.body ? { body: requestBody(operation.body, variableOf, literalOf) } : {}),
    url: requestUrl(operation, variableOf),
    ...(context.collectionAuth ? {} : { auth: authFor(operation.auth) }),
    description: requestDescription(operation, calls, context, dataFile),
  };
}

function itemOf(
  operation: Operation,
  calls: OperationCalls,
  context: Context,
  dataFile?: string,
): Item {
  const count = calls.all.length;
  const label = (index: number) => (count === 1 ? "Recorded" : `Recorded call ${index + 1}`);
  const secretPaths = secretBodyPaths(operation);
  const segments = recordedSegments(operation, collectionVariableOf(calls, context));
  return {
    name: context.requestNames.get(operation.key) ?? operation.name,
    ...(segments.length > 0 ? { event: [segmentEvent(segments)] } : {}),
    request: requestOf(operation, calls, context, dataFile),
    response: calls.all.map((call, index) => exampleOf(call, label(index), secretPaths)),
  };
}

/** Groups items into one folder per resource, in the order resources first appear. */
function folders(items: readonly { resource: string; item: Item }[]): Folder[] {
  const byResource = new Map<string, Folder>();
  for (const { resource, item } of items) {
    const folder = byResource.get(resource) ?? { name: folderName(resource), item: [] };
    folder.item.push(item);
    byResource.set(resource, folder);
  }
  return [...byResource.values()];
}

/** Lists the calls of each operation, by operation key, in one pass over the session's calls. */
function callsByOperation(session: SessionModel): Map<string, OperationCalls> {
  const all = new Map<string, Call[]>(session.operations.map((operation) => [operation.key, []]));
  for (const call of session.calls) all.get(call.operationKey)?.push(call);
  return new Map(
    session.operations.map((operation) => {
      const calls = all.get(operation.key) ?? [];
      return [operation.key, { all: calls, distinct: distinctCalls(operation, calls) }];
    }),
  );
}

/** Warns about each place whose recorded text Postman changes whatever the collection does. */
function warnUnkept(operation: Operation, requestName: string, warnings?: WarningList): void {
  for (const [place, references] of unkeptReferences(operation)) {
    warnings?.add(
      `${COLLECTION_FILE}: ${requestName}`,
      `${place}: Postman cannot send ${references.join(", ")} as recorded, because it looks ` +
        "the name up among JavaScript object members, which no variable overrides. The server " +
        "receives other text, or newman stops the run.",
    );
  }
}

/** Builds the collection and the iteration data files of a session. */
export function buildCollection(
  session: SessionModel,
  options: RenderOptions,
): { collection: Collection; dataFiles: ExtraFile[] } {
  const names = collectionNames(session);
  const scheme = sharedScheme(session);
  // A collection that keeps recorded `{{` text gives each request its own auth, because the
  // pre-request script must insert the token itself and cannot see an inherited auth.
  const keepLiterals = session.operations.some(hasLiteralText);
  const context: Context = {
    names,
    requestNames: requestNames(session.operations),
    collectionAuth: scheme !== undefined && !keepLiterals,
    learned: learnedSchemas(session),
    literals: new LiteralVariables([BASE_URL, TOKEN, ...names.values()]),
  };

  const byOperation = callsByOperation(session);
  const byName = new Map(session.variables.map((variable) => [variable.name, variable]));
  const dataFiles: ExtraFile[] = [];
  const items = session.operations.map((operation) => {
    const calls = byOperation.get(operation.key) ?? { all: [], distinct: [] };
    const data = iterationData(operation, calls.distinct, byName, names);
    if (data) dataFiles.push(data);
    const item = itemOf(operation, calls, context, data?.name);
    warnUnkept(operation, item.name, options.warnings);
    return { resource: operation.resource, item };
  });

  const variables = collectionVariables(session, names, options.baseUrl);
  const events: Event[] = keepLiterals ? [encodeEvent(true), cleanupEvent()] : [encodeEvent()];
  const collection: Collection = {
    info: {
      name: "MK/IO session",
      description: infoDescription(keepLiterals),
      schema: COLLECTION_SCHEMA,
    },
    ...(context.collectionAuth && scheme ? { auth: authFor(scheme) } : {}),
    variable: [...variables, ...context.literals.variables],
    event: events,
    item: folders(items),
  };
  return { collection, dataFiles };
}
