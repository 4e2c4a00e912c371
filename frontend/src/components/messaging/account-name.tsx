import { useProfile } from "../../hooks/use-profile.ts";
import { ProfileName } from "../profile-name.tsx";

/**
 * The name and picture an account published, shown before its address (components/address.tsx). Loaded on demand
 * with the rest of messaging: the address shows at once, the name fills in once the relays answered.
 */
export default function AccountName({ address }: { address: string }) {
  const named = useProfile(address).data ?? undefined;
  if (named === undefined || named.profile.displayName === "") return null;
  return <ProfileName view={named} />;
}
