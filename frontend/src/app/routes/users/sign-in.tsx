import { SignInPolicyPanel } from '@/features/users/components/sign-in-policy';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function SignInPolicyRoute() {
  useDocumentTitle('Sign-in');
  return <SignInPolicyPanel />;
}
