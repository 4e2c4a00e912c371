import { digestOf } from "@souk/sdk/cid";
import { listingRegistryAbi } from "@souk/sdk/contracts";
import { encodeDocument, listingMetadataSchema, type ListingMetadata } from "@souk/sdk/schemas";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { formatUnits, type Hex } from "viem";

import { AddressView } from "../../components/address.tsx";
import { Button } from "../../components/button.tsx";
import { ConnectButton } from "../../components/connect-button.tsx";
import { EmptyState, ErrorState, LoadingRegion, Skeleton } from "../../components/states.tsx";
import type { DocumentState } from "../../hooks/use-document.ts";
import { useListing } from "../../hooks/use-listing.ts";
import { useToken } from "../../hooks/use-token.ts";
import { useTransactor } from "../../hooks/use-transactor.ts";
import type { ListingState } from "../../lib/catalogue.ts";
import { requireContracts } from "../../lib/deployment.ts";
import { DescriptionForm } from "./description-form.tsx";
import { descriptionFromMetadata, emptyDescription, type DescriptionDraft } from "./draft.ts";
import { AvailabilityCard, FixedTerms } from "./edit-panels.tsx";
import { preventImplicitSubmit } from "./form-keys.ts";
import { Icon } from "./icons.tsx";
import { cidOf, publishedItems, type ImageItem } from "./image-items.ts";
import { ipfsUploader, uploadFailure } from "./ipfs-uploader.ts";
import { listingStatus, STATUS_LABELS } from "./listing-status.ts";
import { PriceField, StockField } from "./price-fields.tsx";
import { updatedVersion, uploadListingContent, type PublishStep } from "./publish.ts";
import { ErrorSummary, FailureMessage, orderedErrors, PublishProgress, type Phase } from "./publish-status.tsx";
import { Badge, Section } from "./section.tsx";
import { explainPlan, planUpdate } from "./update-plan.ts";
import { useFieldErrors } from "./use-field-errors.ts";
import { useImageItems } from "./use-image-items.ts";
import { checkDescription, checkPrice, checkStock } from "./validate-draft.ts";
import { useWalletReady, WalletPrompt } from "./wallet-prompt.tsx";

type Metadata = DocumentState<ListingMetadata>;

/** /listing/:id/edit: the seller changes price, quantity and description, or closes and reopens the listing. */
export default function EditPage() {
  const params = useParams();
  const listingId = params.id !== undefined && /^[1-9]\d{0,30}$/.test(params.id) ? BigInt(params.id) : undefined;
  const { catalogue, listing, metadata } = useListing(listingId);
  const { address, connected } = useWalletReady();

  if (listingId === undefined) return <NotFound />;
  if (catalogue.data === undefined) {
    if (catalogue.isError) {
      return <ErrorState title="Could not load the listing" message="The blockchain node did not answer. Check your connection and try again." onRetry={() => void catalogue.refetch()} />;
    }
    return <EditSkeleton />;
  }
  if (listing === undefined) return <NotFound />;
  const title = metadata.status === "ready" ? metadata.value.title : `Listing #${listing.id}`;

  if (!connected) {
    return (
      <Gate title="Connect your wallet to edit this listing">
        <p>Only the seller can change a listing. Connect the wallet that created “{title}”.</p>
        <ConnectButton />
      </Gate>
    );
  }
  if (address!.toLowerCase() !== listing.seller.toLowerCase()) {
    return (
      <Gate title="Only the seller can edit this listing">
        <p>
          “{title}” belongs to <AddressView address={listing.seller} />. Your wallet is connected as <AddressView address={address!} profile={false} />.
        </p>
        <p>If this is your listing, switch to that account in your wallet. Otherwise, you can still view it and buy from it.</p>
        <Link to={`/listing/${listing.id}`} className="rounded-[var(--radius-control)] bg-brand px-4 py-2 font-medium text-on-brand hover:bg-brand-strong">
          View the listing
        </Link>
      </Gate>
    );
  }
  // Mounted once for good: a save that changes the description must not reset the form while the new one loads.
  return <EditListing key={listing.id.toString()} listing={listing} metadata={metadata} />;
}

function EditListing({ listing, metadata }: { listing: ListingState; metadata: Metadata }) {
  const registry = requireContracts().registry;
  const token = useToken(listing.token);
  const queryClient = useQueryClient();
  const transact = useTransactor();
  const { rightChain } = useWalletReady();

  const ready = metadata.status === "ready" ? metadata.value : undefined;
  const [description, setDescription] = useState<DescriptionDraft | undefined>(() => (ready === undefined ? undefined : descriptionFromMetadata(ready)));
  // The pictures as last published: the description counts as changed when the list differs from them.
  const [baseline, setBaseline] = useState<ImageItem[]>(() => (ready === undefined ? [] : publishedItems(ready.images)));
  const images = useImageItems(() => baseline);
  const replaceImages = images.replaceAll;
  const [descriptionDirty, setDescriptionDirty] = useState(false);
  const [price, setPrice] = useState<string | undefined>();
  const [stock, setStock] = useState<string | undefined>();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [saved, setSaved] = useState<string | undefined>();
  const uploaded = useRef(new Set<string>());
  const summary = useRef<HTMLDivElement>(null);
  const working = phase.kind === "working";

  // The description can arrive after a failed first load (a retry): fill the form then, if the seller has not started a new one.
  useEffect(() => {
    if (ready !== undefined && description === undefined && !descriptionDirty) {
      const published = publishedItems(ready.images);
      setDescription(descriptionFromMetadata(ready));
      setBaseline(published);
      replaceImages(published);
    }
  }, [ready, description, descriptionDirty, replaceImages]);

  const imagesChanged = useMemo(
    () =>
      images.items.length !== baseline.length ||
      images.items.some((item, i) => {
        const base = baseline[i];
        return item.kind === "processing" || base === undefined || cidOf(item) !== cidOf(base) || item.alt !== (base.kind === "processing" ? "" : base.alt);
      }),
    [images.items, baseline],
  );
  const metadataDirty = description !== undefined && (descriptionDirty || imagesChanged);

  const priceShown = price ?? (token === undefined ? "" : formatUnits(listing.price, token.decimals));
  const stockShown = stock ?? listing.stock.toString();
  const priceCheck = price === undefined || token === undefined ? undefined : checkPrice(price, token);
  const stockCheck = stock === undefined ? undefined : checkStock(stock, 0n);
  const descriptionCheck = useMemo(
    () => (metadataDirty && description !== undefined ? checkDescription(description, images.items) : undefined),
    [metadataDirty, description, images.items],
  );
  const errors = useMemo(() => {
    const all: Record<string, string> = { ...descriptionCheck?.errors };
    if (priceCheck?.error !== undefined) all.price = priceCheck.error;
    if (stockCheck?.error !== undefined) all.stock = stockCheck.error;
    return all;
  }, [descriptionCheck, priceCheck?.error, stockCheck?.error]);
  const fields = useFieldErrors(errors);

  const plan = planUpdate({
    currentPrice: listing.price,
    currentStock: listing.stock,
    price: priceCheck?.value,
    stock: stockCheck?.value,
    metadataChanged: metadataDirty,
  });
  const title = description?.title.trim() || ready?.title || `Listing #${listing.id}`;

  const changeDescription = (patch: Partial<DescriptionDraft>) => {
    setDescription((d) => (d === undefined ? d : { ...d, ...patch }));
    setDescriptionDirty(true);
    setSaved(undefined);
  };

  const save = async () => {
    if (working) return;
    fields.attempt();
    setSaved(undefined);
    if (Object.keys(errors).length > 0 || token === undefined) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    if (!rightChain) {
      setPhase({ kind: "failed", stage: "wallet", error: { kind: "chain", message: "Your wallet is on another network: switch networks (above) and save again." } });
      return;
    }
    // Identical bytes mean an identical digest: then the description is left as it is (digest zero).
    let newDocument = descriptionCheck?.value;
    if (newDocument !== undefined && (await digestOf(encodeDocument(listingMetadataSchema, newDocument))) === listing.metadataDigest) newDocument = undefined;
    const newPrice = priceCheck?.value ?? listing.price;
    if (newDocument === undefined && newPrice === listing.price && (stockCheck?.value ?? listing.stock) === listing.stock) {
      setPhase({ kind: "idle" });
      setSaved("Nothing to save: the price, the quantity and the description are as they were.");
      return;
    }

    let digest: Hex = `0x${"0".repeat(64)}`;
    if (newDocument !== undefined) {
      try {
        digest = await uploadListingContent(images.items, newDocument, ipfsUploader, uploaded.current, (step) => setPhase({ kind: "working", step }));
      } catch (error) {
        setPhase({ kind: "failed", stage: "upload", error: uploadFailure(error) });
        return;
      }
    }
    setPhase({ kind: "working", step: { kind: "wallet" } });
    // The stock changes by the difference from what the seller saw: units bought meanwhile stay sold.
    const stockDelta = stockCheck?.value === undefined ? 0n : stockCheck.value - listing.stock;
    const result = await transact({
      address: registry,
      abi: listingRegistryAbi,
      functionName: "updateListing",
      args: [listing.id, newPrice, stockDelta, digest],
      description: `Update “${title}”`,
    });
    if (!result.ok) {
      setPhase({ kind: "failed", stage: "wallet", error: result.error });
      return;
    }
    const version = updatedVersion(result.receipt, registry);
    // What was saved is the new starting point (new pictures keep their local previews; they are on IPFS now).
    setBaseline(images.items);
    setDescriptionDirty(false);
    setPrice(undefined);
    setStock(undefined);
    fields.reset();
    setPhase({ kind: "idle" });
    setSaved(version === undefined || version === listing.version ? "Saved. The listing keeps its version." : `Saved. Buyers now see version ${version}.`);
  };

  const steps: PublishStep["kind"][] = !metadataDirty
    ? ["wallet"]
    : images.items.some((i) => i.kind === "ready" && !uploaded.current.has(i.cid))
      ? ["images", "metadata", "wallet"]
      : ["metadata", "wallet"];
  const status = STATUS_LABELS[listingStatus(listing)];
  const errorList = fields.attempted ? orderedErrors(errors) : [];

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-3">
        <Link to="/dashboard" className="text-sm text-brand hover:underline">
          ← Seller dashboard
        </Link>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div className="flex min-w-0 flex-col gap-1">
            <h1 className="text-2xl font-bold tracking-tight break-words sm:text-3xl">Edit “{title}”</h1>
            <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
              <span>
                Listing #{listing.id.toString()} · version {listing.version.toString()}
              </span>
              <Badge tone={status.tone}>{status.label}</Badge>
            </p>
          </div>
          <Link to={`/listing/${listing.id}`} className="rounded-[var(--radius-control)] border border-border bg-surface px-4 py-2 text-sm font-medium hover:bg-surface-muted">
            View listing
          </Link>
        </div>
      </header>

      <WalletPrompt action="save your changes" />

      <form
        className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]"
        noValidate
        aria-label="Edit listing"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        onKeyDown={preventImplicitSubmit}
        onBlur={fields.onBlur}
      >
        <fieldset disabled={working} className="flex min-w-0 flex-col gap-6">
          <legend className="sr-only">Listing</legend>
          <Section title="Price and quantity" description="A new price makes a new version of the listing; a new quantity does not.">
            <div className="grid gap-5 sm:grid-cols-2">
              <PriceField
                value={priceShown}
                onChange={(value) => {
                  setPrice(value);
                  setSaved(undefined);
                }}
                error={fields.errorOf("price")}
                token={token}
              />
              <StockField
                value={stockShown}
                onChange={(value) => {
                  setStock(value);
                  setSaved(undefined);
                }}
                error={fields.errorOf("stock")}
                help={`${listing.unitsSold.toString()} sold so far. Set 0 to show it as sold out.`}
              />
            </div>
          </Section>

          {description === undefined && metadata.status === "loading" ? (
            <LoadingRegion label="Loading the description">
              <div className="card flex flex-col gap-4 p-6">
                <Skeleton className="h-6 w-1/3" />
                <Skeleton className="h-40 w-full" />
                <Skeleton className="h-10 w-full" />
              </div>
            </LoadingRegion>
          ) : description === undefined ? (
            <UnavailableDescription
              metadata={metadata}
              onRetry={() => void queryClient.invalidateQueries({ queryKey: ["document", "listing"] })}
              onReplace={() => {
                setDescription(emptyDescription());
                setDescriptionDirty(true);
              }}
            />
          ) : (
            <DescriptionForm draft={description} change={changeDescription} errorOf={fields.errorOf} images={images} />
          )}
          <FixedTerms listing={listing} />
        </fieldset>

        <aside className="flex flex-col gap-4 lg:sticky lg:top-24" aria-label="Save and availability">
          <div className="card flex flex-col gap-4 p-5" data-action-panel>
            <h2 className="font-semibold">Save changes</h2>
            <div className={`flex gap-3 rounded-[var(--radius-control)] p-3 text-sm ${plan.bumpsVersion ? "bg-warning-soft text-warning" : "bg-surface-muted"}`} aria-live="polite">
              <Icon name={plan.bumpsVersion ? "warning" : "clock"} className="mt-0.5 size-4 shrink-0" />
              <p>{explainPlan(plan, listing.version)}</p>
            </div>
            <ErrorSummary ref={summary} errors={errorList} action="saving" />
            {phase.kind === "working" && <PublishProgress step={phase.step} steps={steps} />}
            {phase.kind === "failed" && <FailureMessage phase={phase} what="changed" />}
            {saved !== undefined && (
              <p role="status" className="flex gap-2 rounded-[var(--radius-control)] bg-success-soft p-3 text-sm text-success">
                <Icon name="check" className="mt-0.5 size-4 shrink-0" />
                {saved}
              </p>
            )}
            <Button type="submit" size="lg" busy={working} className="w-full">
              {working ? "Saving…" : "Save changes"}
            </Button>
            <p className="text-xs text-muted">Stock changes take effect at once; a new price or description also needs buyers to review the listing again.</p>
          </div>
          <AvailabilityCard listing={listing} title={title} />
        </aside>
      </form>
    </div>
  );
}

function UnavailableDescription({ metadata, onRetry, onReplace }: { metadata: Metadata; onRetry: () => void; onReplace: () => void }) {
  const reason =
    metadata.status === "unreachable"
      ? "The IPFS gateway could not be reached, so the current description and pictures cannot be shown."
      : metadata.status === "missing"
        ? "The current description is not available on IPFS any more."
        : metadata.status === "unverified"
          ? "The gateway returned a description that does not match the listing's fingerprint, so it is not shown."
          : metadata.status === "invalid"
            ? `The current description is not valid: ${metadata.error}`
            : metadata.status === "too-large"
              ? "The current description is larger than Souk reads, so it is not shown."
            : "This listing has no description.";
  return (
    <Section title="Description and photos" description="What buyers read about the item.">
      <div className="flex flex-col gap-3 rounded-[var(--radius-control)] bg-warning-soft p-4 text-sm text-warning" role="status">
        <p className="font-medium">{reason}</p>
        <p>You can still change the price and the quantity. You can also write a new description, which replaces the current one when you save.</p>
      </div>
      <div className="flex flex-wrap gap-3">
        {metadata.status === "unreachable" && (
          <Button variant="secondary" onClick={onRetry}>
            Try loading it again
          </Button>
        )}
        <Button variant="secondary" onClick={onReplace}>
          Write a new description
        </Button>
      </div>
    </Section>
  );
}

function Gate({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center gap-4 py-10 text-center">
      <span className="flex size-14 items-center justify-center rounded-full bg-brand-soft text-brand">
        <Icon name="store" className="size-7" />
      </span>
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
      <div className="flex flex-col items-center gap-3 text-muted">{children}</div>
    </div>
  );
}

function NotFound() {
  return (
    <EmptyState
      title="Listing not found"
      action={
        <Link to="/dashboard" className="text-brand underline">
          Back to your dashboard
        </Link>
      }
    >
      There is no listing with this number on Souk.
    </EmptyState>
  );
}

function EditSkeleton() {
  return (
    <LoadingRegion label="Loading the listing">
      <div className="flex flex-col gap-6">
        <Skeleton className="h-10 w-2/3" />
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="flex flex-col gap-6">
            <Skeleton className="h-40 w-full" />
            <Skeleton className="h-96 w-full" />
          </div>
          <Skeleton className="h-64 w-full" />
        </div>
      </div>
    </LoadingRegion>
  );
}
