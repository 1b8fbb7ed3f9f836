import mongoose, { type Connection, type Schema } from "mongoose";
import { currentBranch } from "../branchContext.js";

type CompiledModel = { modelName: string; schema: Schema; db: Connection } & ((...args: never[]) => unknown);

/**
 * A model that works on the current branch's database (data/branchContext): the same schema,
 * compiled once per branch database on a connection that shares the default connection's pool
 * (`useDb`), so a query can never reach another branch's collections whatever its filter says.
 * Outside a branch, or for a branch kept in the home database, it is the model itself.
 */
export function branchBound<M extends object>(unbound: M): M {
  const model = unbound as unknown as CompiledModel;
  const perDatabase = new Map<string, CompiledModel>();
  const resolve = (): CompiledModel => {
    const database = currentBranch()?.database;
    if (!database) return model;
    const connection = mongoose.connection.useDb(database, { useCache: true });
    let bound = perDatabase.get(database);
    if (!bound || bound.db !== connection) {
      bound = (connection.models[model.modelName] ??
        connection.model(model.modelName, model.schema)) as unknown as CompiledModel;
      perDatabase.set(database, bound);
    }
    return bound;
  };
  return new Proxy(unbound, {
    get(_target, property) {
      const target = resolve();
      const value = Reflect.get(target, property, target);
      return typeof value === "function" && property !== "prototype" ? value.bind(target) : value;
    },
    construct(_target, args) {
      return Reflect.construct(resolve() as unknown as new (...a: unknown[]) => object, args);
    },
    apply(_target, thisArg, args) {
      return Reflect.apply(resolve(), thisArg, args);
    },
    has(_target, property) {
      return Reflect.has(resolve(), property);
    },
  });
}
