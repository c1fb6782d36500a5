import CustomerInvoiceDetailRoute from '../sales/invoice-detail';

export default function PortalInvoiceRoute() {
  return <CustomerInvoiceDetailRoute backTo="/portal" portal />;
}
