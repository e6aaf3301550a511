import type { Operation, SessionModel } from "../../model/types.js";
import { type LearnedSchemas, learnedSchemas } from "../../schema/index.js";
import type { ExtraFile, RenderOptions } from "../format.js";
import { authFor, sharedScheme } from "./auth.js";
import { bodyFieldsText } from "./body-fields.js";
import { encodeEvent } from "./encode-script.js";
import { exampleOf } from "./examples.js";
import { distinctCalls, iterationData } from "./iteration-data.js";
import { folderName, requestNames } from "./names.js";
import { requestBody, requestHeaders, requestUrl } from "./request.js";
import type { Collection, Folder, Item, Request } from "./types.js";
import { COLLECTION_FILE, COLLECTION_SCHEMA } from "./types.js";
import { collectionNames, collectionVariables, TOKEN } from "./variables.js";

/** Everything one request needs besides its operation. */
interface Context {
  session: SessionModel;
  /** Collection variable name of each session variable. */
  names: ReadonlyMap<string, string>;
  requestNames: ReadonlyMap<string, string>;
  /** True when the collection carries the auth and requests inherit it. */
  collectionAuth: boolean;
  /** Schemas learned from all recorded calls of each operation, by template key. */
  learned: ReadonlyMap<string, LearnedSchemas>;
}

const INFO_DESCRIPTION = [
  "MK/IO API calls recorded in a HAR capture, converted by har2mkio.",
  `Set \`${TOKEN}\` and the empty secret variables in an environment before sending. ` +
    "Every other variable defaults to the value of its first recorded use.",
  "A request recorded with several sets of values comes with a CSV file of iteration data, " +
    "one row per recorded call.",
  "The collection's pre-request script inserts the variables of URLs and bodies encoded for " +
    "their place, so that recorded values reach the server unchanged.",
].join("\n\n");

function recordedNote(operation: Operation, context: Context, dataFile?: string): string[] {
  const calls = context.session.calls.filter((call) => call.operationKey === operation.key);
  const distinct = distinctCalls(operation, context.session).length;
  if (dataFile) {
    const name = context.requestNames.get(operation.key) ?? operation.name;
    return [
      `Recorded ${distinct} times with different values. To repeat every call:`,
      `\`newman run ${COLLECTION_FILE} --folder "${name}" -d ${dataFile}\``,
    ];
  }
  const count = calls.reduce((sum, call) => sum + call.count, 0);
  return count > 1 ? [`Recorded ${count} times with the same values.`] : [];
}

function requestDescription(operation: Operation, context: Context, dataFile?: string): string {
  const paragraphs = [`${operation.method} ${operation.pathTemplate}`];
  if (operation.undocumented) paragraphs.push("Undocumented: not in the MK/IO API catalog.");
  const note = recordedNote(operation, context, dataFile);
  if (note.length > 0) paragraphs.push(note.join("\n"));
  const schema = context.learned.get(operation.key)?.request;
  const fields = operation.body && schema ? bodyFieldsText(schema) : "";
  if (fields) paragraphs.push(fields);
  return paragraphs.join("\n\n");
}

function requestOf(operation: Operation, context: Context, dataFile?: string): Request {
  const first = context.session.calls.find((call) => call.operationKey === operation.key);
  const variableOf = (param: string) => {
    const variable = first?.args[param] ?? param;
    return context.names.get(variable) ?? variable;
  };
  return {
    method: operation.method,
    header: requestHeaders(operation, variableOf),
    ...(operation.body ? { body: requestBody(operation.body, variableOf) } : {}),
    url: requestUrl(operation, variableOf),
    ...(context.collectionAuth ? {} : { auth: authFor(operation.auth) }),
    description: requestDescription(operation, context, dataFile),
  };
}

function itemOf(operation: Operation, context: Context, dataFile?: string): Item {
  const calls = context.session.calls.filter((call) => call.operationKey === operation.key);
  const label = (index: number) => (calls.length === 1 ? "Recorded" : `Recorded call ${index + 1}`);
  return {
    name: context.requestNames.get(operation.key) ?? operation.name,
    request: requestOf(operation, context, dataFile),
    response: calls.map((call, index) => exampleOf(call, operation, label(index))),
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

/** Builds the collection and the iteration data files of a session. */
export function buildCollection(
  session: SessionModel,
  options: RenderOptions,
): { collection: Collection; dataFiles: ExtraFile[] } {
  const names = collectionNames(session);
  const scheme = sharedScheme(session);
  const context: Context = {
    session,
    names,
    requestNames: requestNames(session.operations),
    collectionAuth: scheme !== undefined,
    learned: learnedSchemas(session),
  };

  const dataFiles: ExtraFile[] = [];
  const items = session.operations.map((operation) => {
    const data = iterationData(operation, session, names);
    if (data) dataFiles.push(data);
    return { resource: operation.resource, item: itemOf(operation, context, data?.name) };
  });

  const collection: Collection = {
    info: { name: "MK/IO session", description: INFO_DESCRIPTION, schema: COLLECTION_SCHEMA },
    ...(scheme ? { auth: authFor(scheme) } : {}),
    variable: collectionVariables(session, names, options.baseUrl),
    event: [encodeEvent()],
    item: folders(items),
  };
  return { collection, dataFiles };
}
