import { getMetadataStorage } from 'class-validator';
import { SETTINGS_CLASSES } from './environment';
import { declaredBy, type FeatureInfo, type SettingsClass } from './setting.decorator';

/** One setting as the configuration page and .env.example show it. */
export interface SettingDeclaration {
  name: string;
  feature: FeatureInfo;
  /** The type in words (Markdown). */
  type: string;
  /** The default as the variable would be written; undefined: unset, see `unset`. */
  default?: string;
  /** What an unset setting means (Markdown). */
  unset?: string;
  description: string;
  secret: boolean;
  example?: string;
}

/** Every setting of every feature, in the features' order, then each class's own. */
export function settingDeclarations(
  classes: readonly SettingsClass[] = SETTINGS_CLASSES,
): SettingDeclaration[] {
  return classes.flatMap((settingsClass) => {
    const { feature, settings } = declaredBy(settingsClass);
    if (!feature) throw new Error(`${settingsClass.name} has no @Feature`);
    const defaults = new settingsClass() as Record<string, Value>;
    return [...settings].map(([name, info]) => ({
      name,
      feature,
      type: info.type ?? typeOf(settingsClass, name),
      default: written(defaults[name]),
      unset: info.unset,
      description: info.description,
      secret: info.secret ?? false,
      example: info.example,
    }));
  });
}

type Value = string | number | boolean | string[] | undefined;

function written(value: Value): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** The type in words, read from the property's type and its validation. */
function typeOf(settingsClass: SettingsClass, name: string): string {
  const rules = getMetadataStorage()
    .getTargetValidationMetadatas(settingsClass, '', true, false)
    .filter((rule) => rule.propertyName === name);
  const constraint = (rule: string) =>
    rules.find((r) => r.name === rule)?.constraints?.[0] as unknown;
  const prototype = settingsClass.prototype as object;
  const designType = Reflect.getMetadata('design:type', prototype, name) as unknown;
  if (designType === Boolean) return '`true` or `false`';
  if (designType === Array) return 'comma-separated list';
  if (designType === Number) {
    const [min, max] = [constraint('min'), constraint('max')] as (number | undefined)[];
    if (max === 65535) return `port (${min}-65535)`;
    return max === undefined ? `whole number, at least ${min}` : `whole number, ${min}-${max}`;
  }
  const values = constraint('isIn') as string[] | undefined;
  if (values) return values.map((value) => `\`${value}\``).join(', ');
  return 'text';
}
