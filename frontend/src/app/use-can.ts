export { useCan, useGrants } from '@/features/auth/hooks/use-grants';
