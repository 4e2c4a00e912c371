import { AttributesEditor } from "./attributes-editor.tsx";
import { DeliverySection } from "./delivery-section.tsx";
import { DetailsSection, type DescriptionProps } from "./details-section.tsx";
import { PhotosSection } from "./photos-section.tsx";
import { Section } from "./section.tsx";
import { TagInput } from "./tag-input.tsx";
import type { ImageItemsApi } from "./use-image-items.ts";

/** Everything that goes into the metadata document: the same sections when creating and when editing. */
export function DescriptionForm({ images, ...props }: DescriptionProps & { images: ImageItemsApi }) {
  const { draft, change, errorOf } = props;
  return (
    <>
      <PhotosSection images={images} title={draft.title} errorOf={errorOf} />
      <DetailsSection {...props} />
      <Section title="Item details" description="Size, material, model, edition: the facts a buyer would otherwise ask about. Optional.">
        <AttributesEditor rows={draft.attributes} onChange={(attributes) => change({ attributes })} errorOf={errorOf} />
      </Section>
      <DeliverySection {...props} />
      <Section title="Tags" description="Help buyers find the listing when they search.">
        <TagInput tags={draft.tags} onChange={(tags) => change({ tags })} error={errorOf("tags")} />
      </Section>
    </>
  );
}
