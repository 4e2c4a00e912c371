import { CATEGORIES, CONDITIONS } from "@souk/sdk/schemas";

import { Field } from "../../components/field.tsx";
import { CONDITION_LABELS, type Category, type Condition, type DescriptionDraft } from "./draft.ts";
import { Section } from "./section.tsx";

export interface DescriptionProps {
  draft: DescriptionDraft;
  change: (patch: Partial<DescriptionDraft>) => void;
  errorOf: (key: string) => string | undefined;
}

const count = (value: string, max: number) => `${value.trim().length.toLocaleString()} / ${max.toLocaleString()}`;

/** Title, description, category and condition. */
export function DetailsSection({ draft, change, errorOf }: DescriptionProps) {
  return (
    <Section title="About the item" description="Say what it is, what state it is in, and anything a buyer should know before paying.">
      <Field label="Title" help={`A clear name buyers will search for. ${count(draft.title, 120)} characters.`} error={errorOf("title")}>
        {(props) => (
          <input
            {...props}
            className="input"
            value={draft.title}
            maxLength={160}
            autoComplete="off"
            placeholder="Hand-thrown stoneware mug, celadon glaze"
            data-field="title"
            onChange={(event) => change({ title: event.target.value })}
          />
        )}
      </Field>
      <Field
        label="Description"
        help={`Plain text; line breaks are kept. Mention flaws honestly: it avoids disputes. ${count(draft.description, 10_000)} characters.`}
        error={errorOf("description")}
      >
        {(props) => (
          <textarea
            {...props}
            className="input min-h-40 resize-y leading-relaxed"
            value={draft.description}
            maxLength={12_000}
            data-field="description"
            onChange={(event) => change({ description: event.target.value })}
          />
        )}
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Category" error={errorOf("category")}>
          {(props) => (
            <select
              {...props}
              className="input"
              value={draft.category}
              data-field="category"
              onChange={(event) => change({ category: event.target.value as Category | "" })}
            >
              <option value="">Choose a category</option>
              {CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {category}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Condition" help="Leave it unspecified for services and digital goods.">
          {(props) => (
            <select
              {...props}
              className="input"
              value={draft.condition}
              data-field="condition"
              onChange={(event) => change({ condition: event.target.value as Condition | "" })}
            >
              <option value="">Not specified</option>
              {CONDITIONS.map((condition) => (
                <option key={condition} value={condition}>
                  {CONDITION_LABELS[condition]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </Section>
  );
}
