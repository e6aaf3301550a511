import { type JsonTemplate, ParamRef } from "../../model/types.js";

/**
 * The places of JSON bodies that parameters fill, as a tree that follows the bodies' nesting:
 * one child per object key and one for the items of an array.
 */
export interface ParamPlaces {
  /** A parameter fills this place in at least one body. */
  filled: boolean;
  keys: Map<string, ParamPlaces>;
  items: ParamPlaces | undefined;
}

function emptyPlaces(): ParamPlaces {
  return { filled: false, keys: new Map(), items: undefined };
}

function addTemplate(places: ParamPlaces, value: JsonTemplate): void {
  if (value instanceof ParamRef) {
    places.filled = true;
    return;
  }
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const item of value) {
      places.items ??= emptyPlaces();
      addTemplate(places.items, item);
    }
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPlaces = places.keys.get(key) ?? emptyPlaces();
    places.keys.set(key, childPlaces);
    addTemplate(childPlaces, child);
  }
}

/** Collects the places that parameters fill in any of the given body templates. */
export function paramPlaces(values: Iterable<JsonTemplate>): ParamPlaces {
  const places = emptyPlaces();
  for (const value of values) addTemplate(places, value);
  return places;
}

function mergePlaces(a: ParamPlaces | undefined, b: ParamPlaces | undefined): ParamPlaces {
  const merged = emptyPlaces();
  merged.filled = !!a?.filled || !!b?.filled;
  for (const [key, child] of [...(a?.keys ?? []), ...(b?.keys ?? [])]) {
    merged.keys.set(key, mergePlaces(merged.keys.get(key), child));
  }
  if (a?.items || b?.items) merged.items = mergePlaces(a?.items, b?.items);
  return merged;
}

/**
 * Merges the places below every key of an object. A free-form map such as `labels` has one
 * schema for all its values, so a parameter under any key counts for that one schema.
 */
export function anyKeyPlaces(places: ParamPlaces | undefined): ParamPlaces | undefined {
  if (!places || places.keys.size === 0) return undefined;
  let merged: ParamPlaces | undefined;
  for (const child of places.keys.values()) merged = mergePlaces(merged, child);
  return merged;
}
