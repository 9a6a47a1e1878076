/** What a feature's settings class says about itself on the configuration page. */
export interface FeatureInfo {
  /** The heading on docs/configuration.md and in .env.example. */
  title: string;
  /** The folder whose code reads these settings, e.g. `src/webhooks`. */
  folder: string;
  /** A sentence under the heading (Markdown; the docs page only). */
  summary?: string;
}

/** What a setting says about itself beyond its validation (docs/configuration.md, .env.example). */
export interface SettingInfo {
  /** What it does, in Markdown: the one description of the setting. */
  description: string;
  /** It may hold a password or a key: never logged, kept in a Secret by the Helm chart. */
  secret?: boolean;
  /** The default in words, for a setting with none of its own (chosen at start-up). */
  unset?: string;
  /** The type in words, where the validation says too little (e.g. `URL`). */
  type?: string;
  /** An example value for .env.example, for a setting whose default is unset. */
  example?: string;
}

/** A feature's settings class: one property per setting, its initializer the default. */
export type SettingsClass = new () => object;

const features = new Map<object, FeatureInfo>();
const settings = new Map<object, Map<string, SettingInfo>>();

/** Names the feature a settings class belongs to. */
export function Feature(info: FeatureInfo) {
  return (target: SettingsClass): void => {
    features.set(target, info);
  };
}

/** Describes one setting; its name, type and default come from the property itself. */
export function Setting(info: SettingInfo): PropertyDecorator {
  return (target, key) => {
    const owner = target.constructor;
    const declared = settings.get(owner) ?? new Map<string, SettingInfo>();
    declared.set(String(key), info);
    settings.set(owner, declared);
  };
}

/** The feature and settings a class declares (undefined for what it does not declare). */
export function declaredBy(settingsClass: SettingsClass): {
  feature?: FeatureInfo;
  settings: ReadonlyMap<string, SettingInfo>;
} {
  return {
    feature: features.get(settingsClass),
    settings: settings.get(settingsClass) ?? new Map(),
  };
}
