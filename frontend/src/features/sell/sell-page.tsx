import { listingRegistryAbi } from "@souk/sdk/contracts";
import { formatBps, formatDuration } from "@souk/sdk/format";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { useReadContract } from "wagmi";

import { Button } from "../../components/button.tsx";
import { WalletDialog } from "../../components/wallet-dialog.tsx";
import { VerifiedImage } from "../../components/verified-image.tsx";
import { useTransactor } from "../../hooks/use-transactor.ts";
import { requireContracts } from "../../lib/deployment.ts";
import { DescriptionForm } from "./description-form.tsx";
import { emptyDraft, type ListingDraft } from "./draft.ts";
import { clearDraft, isBlank, loadDraft, saveDraft, sessionStore } from "./draft-storage.ts";
import { preventImplicitSubmit } from "./form-keys.ts";
import { Icon } from "./icons.tsx";
import { ipfsUploader, uploadFailure } from "./ipfs-uploader.ts";
import { ListingPreview } from "./listing-preview.tsx";
import { createdListingId, uploadListingContent, type PublishStep } from "./publish.ts";
import { ErrorSummary, FailureMessage, orderedErrors, PublishProgress, type Phase } from "./publish-status.tsx";
import { ProtectionSection, PriceSection } from "./terms-sections.tsx";
import { useChosenToken } from "./use-chosen-token.ts";
import { useFieldErrors } from "./use-field-errors.ts";
import { useImageItems } from "./use-image-items.ts";
import { checkDescription, checkPrice, checkTerms } from "./validate-draft.ts";
import { useWalletReady, WalletPrompt } from "./wallet-prompt.tsx";
import { windowSeconds } from "./windows.ts";

type Published = { listingId: bigint | undefined; title: string; cover: string | undefined };

/** /sell: write a listing, upload its pictures and description to IPFS, and register it on chain. */
export default function SellPage() {
  const [published, setPublished] = useState<Published | undefined>();
  const [formKey, setFormKey] = useState(0);
  if (published !== undefined) {
    return (
      <PublishedView
        published={published}
        onAnother={() => {
          setPublished(undefined);
          setFormKey((k) => k + 1);
        }}
      />
    );
  }
  return <SellForm key={formKey} onPublished={setPublished} />;
}

function SellForm({ onPublished }: { onPublished: (published: Published) => void }) {
  const storage = sessionStore();
  const [restored] = useState(() => loadDraft(storage));
  const [draft, setDraft] = useState<ListingDraft>(() => restored ?? emptyDraft());
  const [showRestored, setShowRestored] = useState(restored !== undefined && !isBlank(restored));
  const images = useImageItems();
  const { address, connected, rightChain } = useWalletReady();
  const token = useChosenToken(draft.token, draft.customToken);
  const paused = useReadContract({ address: requireContracts().registry, abi: listingRegistryAbi, functionName: "paused" });
  const transact = useTransactor();

  const description = useMemo(() => checkDescription(draft, images.items), [draft, images.items]);
  const terms = useMemo(
    () => checkTerms(draft, { info: token.info, isContract: token.isContract, notErc20: token.notErc20 }, address),
    [draft, token.info, token.isContract, token.notErc20, address],
  );
  const errors = useMemo(() => ({ ...description.errors, ...terms.errors }), [description.errors, terms.errors]);
  const fields = useFieldErrors(errors);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [walletOpen, setWalletOpen] = useState(false);
  const uploaded = useRef(new Set<string>());
  const summary = useRef<HTMLDivElement>(null);
  const working = phase.kind === "working";

  // The text is saved for this tab while the seller types (pictures are not: see draft-storage.ts).
  useEffect(() => {
    const timer = setTimeout(() => (isBlank(draft) ? clearDraft(storage) : saveDraft(storage, draft)), 300);
    return () => clearTimeout(timer);
  }, [draft, storage]);

  const change = (patch: Partial<ListingDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const publish = async () => {
    if (working) return;
    fields.attempt();
    const metadata = description.value;
    const listingTerms = terms.value;
    if (metadata === undefined || listingTerms === undefined) {
      setPhase({ kind: "idle" });
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    if (!connected) {
      setWalletOpen(true);
      return;
    }
    if (!rightChain) {
      setPhase({ kind: "failed", stage: "wallet", error: { kind: "chain", message: "Your wallet is on another network: switch networks (above) and publish again." } });
      return;
    }
    const registry = requireContracts().registry;
    let digest: `0x${string}`;
    try {
      digest = await uploadListingContent(images.items, metadata, ipfsUploader, uploaded.current, (step) => setPhase({ kind: "working", step }));
    } catch (error) {
      setPhase({ kind: "failed", stage: "upload", error: uploadFailure(error) });
      return;
    }
    setPhase({ kind: "working", step: { kind: "wallet" } });
    const result = await transact({
      address: registry,
      abi: listingRegistryAbi,
      functionName: "createListing",
      args: [{ ...listingTerms, metadataDigest: digest }],
      description: `List “${draft.title.trim()}”`,
    });
    if (!result.ok) {
      setPhase({ kind: "failed", stage: "wallet", error: result.error });
      return;
    }
    clearDraft(storage);
    onPublished({ listingId: createdListingId(result.receipt, registry), title: draft.title.trim(), cover: metadata.images[0]?.cid });
  };

  const errorList = fields.attempted ? orderedErrors(errors) : [];
  const steps: PublishStep["kind"][] = images.items.some((i) => i.kind === "ready") ? ["images", "metadata", "wallet"] : ["metadata", "wallet"];
  const fulfillment = windowSeconds(draft.fulfillment);
  const confirmation = windowSeconds(draft.confirmation);

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Sell something</h1>
        <p className="max-w-2xl text-muted">
          Describe what you are selling and set your terms. Buyers pay into escrow; you are paid when they confirm delivery.
        </p>
      </header>

      <WalletPrompt action="publish your listing" />
      {showRestored && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-[var(--radius-control)] bg-surface-muted px-4 py-3 text-sm" role="status">
          <span>We restored the listing you were writing in this tab. Pictures are not kept after a reload: add them again.</span>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setDraft(emptyDraft());
              clearDraft(storage);
              fields.reset();
              setShowRestored(false);
            }}
          >
            Start over
          </Button>
        </div>
      )}
      {paused.data === true && (
        <p role="status" className="rounded-[var(--radius-control)] bg-warning-soft px-4 py-3 text-sm text-warning">
          Souk is not accepting new listings right now (paused by its governance). You can prepare your listing and publish it later.
        </p>
      )}

      <form
        className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]"
        noValidate
        aria-label="New listing"
        onSubmit={(event) => {
          event.preventDefault();
          void publish();
        }}
        onKeyDown={preventImplicitSubmit}
        onBlur={fields.onBlur}
      >
        <fieldset disabled={working} className="flex min-w-0 flex-col gap-6">
          <legend className="sr-only">Listing</legend>
          <DescriptionForm draft={draft} change={change} errorOf={fields.errorOf} images={images} />
          <PriceSection draft={draft} change={change} errorOf={fields.errorOf} token={token} category={draft.category === "" ? undefined : draft.category} />
          <ProtectionSection draft={draft} change={change} errorOf={fields.errorOf} account={address} />
        </fieldset>

        <aside className="flex flex-col gap-4 lg:sticky lg:top-24" aria-label="Preview and publish">
          <ListingPreview
            cover={images.items[0]}
            title={draft.title}
            category={draft.category}
            price={token.info === undefined ? undefined : checkPrice(draft.price, token.info).value}
            token={token.info}
          />
          <div className="card flex flex-col gap-4 p-5" data-action-panel>
            <h2 className="font-semibold">Ready to publish?</h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-muted">Quantity</dt>
              <dd className="text-right">{/^\d+$/.test(draft.stock.trim()) ? draft.stock.trim() : "—"}</dd>
              <dt className="text-muted">Time to ship</dt>
              <dd className="text-right">{fulfillment === undefined || fulfillment === 0 ? "—" : formatDuration(fulfillment)}</dd>
              <dt className="text-muted">Time to check</dt>
              <dd className="text-right">{confirmation === undefined || confirmation === 0 ? "—" : formatDuration(confirmation)}</dd>
              <dt className="text-muted">Arbiter fee</dt>
              <dd className="text-right">{terms.value === undefined ? `${draft.arbiterFee.trim() || "0"}%` : formatBps(terms.value.arbiterFeeBps)}</dd>
            </dl>
            <ErrorSummary ref={summary} errors={errorList} action="publishing" />
            {phase.kind === "working" && <PublishProgress step={phase.step} steps={steps} />}
            {phase.kind === "failed" && <FailureMessage phase={phase} what="published" />}
            <Button type="submit" size="lg" busy={working} className="w-full">
              {working ? "Publishing…" : phase.kind === "failed" ? "Try again" : "Publish listing"}
            </Button>
            <p className="text-xs text-muted">
              Publishing stores your pictures and description on IPFS, then asks your wallet to sign one transaction. Your draft
              is kept in this tab until then.
            </p>
          </div>
        </aside>
      </form>
      <WalletDialog open={walletOpen} onClose={() => setWalletOpen(false)} />
    </div>
  );
}

function PublishedView({ published, onAnother }: { published: Published; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center gap-5 py-10 text-center">
      <div className="relative">
        {published.cover !== undefined ? (
          <VerifiedImage cid={published.cover} alt="" className="size-40 rounded-[var(--radius-card)] shadow-[var(--shadow-card)]" />
        ) : (
          <span className="flex size-24 items-center justify-center rounded-full bg-surface-muted text-muted">
            <Icon name="box" className="size-10" />
          </span>
        )}
        <span className="absolute -right-3 -bottom-3 flex size-11 items-center justify-center rounded-full border-4 border-canvas bg-success text-on-brand">
          <Icon name="check" className="size-5" />
        </span>
      </div>
      <div className="flex flex-col gap-2">
        <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold tracking-tight">
          Your listing is live
        </h1>
        <p className="text-muted">
          “{published.title}” is in the catalogue{published.listingId === undefined ? "" : ` as listing #${published.listingId}`}. Buyers can
          order it now; you will find their orders on your dashboard.
        </p>
      </div>
      <div className="flex flex-wrap justify-center gap-3">
        {published.listingId !== undefined && (
          <Link to={`/listing/${published.listingId}`} className="rounded-[var(--radius-control)] bg-brand px-5 py-3 font-medium text-on-brand hover:bg-brand-strong">
            View your listing
          </Link>
        )}
        <Link to="/dashboard" className="rounded-[var(--radius-control)] border border-border bg-surface px-5 py-3 font-medium hover:bg-surface-muted">
          Seller dashboard
        </Link>
        <Button variant="ghost" size="lg" onClick={onAnother}>
          List another item
        </Button>
      </div>
    </div>
  );
}
