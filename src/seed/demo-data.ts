/**
 * @module seed/demo-data
 * Demo customers and their orders in every status, with status history, invoices and refunds.
 * Order numbers are plain digits so a customer can type them; all names and addresses are invented.
 */
import type { OrderStatus, ShippingAddress } from '../db/schema.ts';

export interface DemoCustomer {
  id: string;
  name: string;
  email: string;
  address: ShippingAddress;
}

export interface DemoOrder {
  number: string;
  customerId: string;
  status: OrderStatus;
  /** Days before the seeding moment that the order was placed. */
  placedDaysAgo: number;
  items: [productTitle: string, quantity: number][];
  paymentMethod: string;
  shippingMethod: 'standard' | 'express';
  refund?: { number: string; status: 'requested' | 'approved' | 'paid'; reason: string };
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    id: 'cus_maya',
    name: 'Maya Okafor',
    email: 'maya.okafor@example.com',
    address: {
      name: 'Maya Okafor',
      line1: '14 Harbour Lane',
      city: 'Bristol',
      postalCode: 'BS1 4QA',
      country: 'United Kingdom',
    },
  },
  {
    id: 'cus_liam',
    name: 'Liam Brandt',
    email: 'liam.brandt@example.com',
    address: {
      name: 'Liam Brandt',
      line1: 'Kastanienallee 22',
      city: 'Berlin',
      postalCode: '10435',
      country: 'Germany',
    },
  },
  {
    id: 'cus_sofia',
    name: 'Sofia Marin',
    email: 'sofia.marin@example.com',
    address: {
      name: 'Sofia Marin',
      line1: '201 Pine Street, Apt 5',
      city: 'Seattle',
      postalCode: '98101',
      country: 'United States',
    },
  },
  {
    id: 'cus_noah',
    name: 'Noah Kim',
    email: 'noah.kim@example.com',
    address: {
      name: 'Noah Kim',
      line1: '8 Queen Street West',
      city: 'Toronto',
      postalCode: 'M5H 2M9',
      country: 'Canada',
    },
  },
];

export const DEMO_ORDERS: DemoOrder[] = [
  {
    number: '100041',
    customerId: 'cus_maya',
    status: 'processing',
    placedDaysAgo: 0,
    items: [['Nimbus X12 Pro', 1]],
    paymentMethod: 'card',
    shippingMethod: 'express',
  },
  {
    number: '100042',
    customerId: 'cus_maya',
    status: 'shipped',
    placedDaysAgo: 3,
    items: [
      ['Sonara Wave Wireless Headphones', 1],
      ['Tembo Mini Speaker', 2],
    ],
    paymentMethod: 'paypal',
    shippingMethod: 'standard',
  },
  {
    number: '100043',
    customerId: 'cus_maya',
    status: 'delivered',
    placedDaysAgo: 12,
    items: [['Brava Espresso Machine', 1]],
    paymentMethod: 'card',
    shippingMethod: 'standard',
  },
  {
    number: '100044',
    customerId: 'cus_maya',
    status: 'refunded',
    placedDaysAgo: 25,
    items: [['Silkwave Hair Dryer', 1]],
    paymentMethod: 'card',
    shippingMethod: 'standard',
    refund: { number: 'RF-500044', status: 'paid', reason: 'Stopped working after a week' },
  },
  {
    number: '100045',
    customerId: 'cus_liam',
    status: 'out_for_delivery',
    placedDaysAgo: 4,
    items: [['Aerobook 14 Air', 1]],
    paymentMethod: 'card',
    shippingMethod: 'standard',
  },
  {
    number: '100046',
    customerId: 'cus_liam',
    status: 'delivered',
    placedDaysAgo: 9,
    items: [
      ['Peakform Yoga Mat', 2],
      ['Peakform Resistance Bands Set', 1],
    ],
    paymentMethod: 'apple_pay',
    shippingMethod: 'standard',
  },
  {
    number: '100047',
    customerId: 'cus_liam',
    status: 'cancelled',
    placedDaysAgo: 6,
    items: [['Vertex Playbox Console', 1]],
    paymentMethod: 'card',
    shippingMethod: 'express',
  },
  {
    number: '100048',
    customerId: 'cus_liam',
    status: 'processing',
    placedDaysAgo: 1,
    items: [
      ['Oakline Standing Desk', 1],
      ['Oakline Ergonomic Office Chair', 1],
    ],
    paymentMethod: 'bank_transfer',
    shippingMethod: 'standard',
  },
  {
    number: '100049',
    customerId: 'cus_sofia',
    status: 'delivered',
    placedDaysAgo: 8,
    items: [['Harbor Rain Jacket Women', 1]],
    paymentMethod: 'card',
    shippingMethod: 'standard',
    refund: { number: 'RF-500049', status: 'requested', reason: 'Too small, returning for a refund' },
  },
  {
    number: '100050',
    customerId: 'cus_sofia',
    status: 'shipped',
    placedDaysAgo: 2,
    items: [['Nimbus Tab 11', 1]],
    paymentMethod: 'paypal',
    shippingMethod: 'express',
  },
  {
    number: '100051',
    customerId: 'cus_sofia',
    status: 'processing',
    placedDaysAgo: 0,
    items: [
      ['Velora Vitamin C Serum', 2],
      ['Velora Gentle Cleanser', 1],
    ],
    paymentMethod: 'card',
    shippingMethod: 'standard',
  },
  {
    number: '100052',
    customerId: 'cus_noah',
    status: 'delivered',
    placedDaysAgo: 45,
    items: [['Brickle Space Station Set', 1]],
    paymentMethod: 'card',
    shippingMethod: 'standard',
  },
  {
    number: '100053',
    customerId: 'cus_noah',
    status: 'cancelled',
    placedDaysAgo: 15,
    items: [['Cadence GPS Sports Watch', 1]],
    paymentMethod: 'gift_card',
    shippingMethod: 'standard',
  },
  {
    number: '100054',
    customerId: 'cus_noah',
    status: 'out_for_delivery',
    placedDaysAgo: 5,
    items: [['Fennel Air Fryer 5L', 1]],
    paymentMethod: 'card',
    shippingMethod: 'standard',
  },
];

/** The statuses an order passed through to reach `status`, oldest first. */
export function statusHistory(status: OrderStatus): OrderStatus[] {
  switch (status) {
    case 'processing':
      return ['processing'];
    case 'shipped':
      return ['processing', 'shipped'];
    case 'out_for_delivery':
      return ['processing', 'shipped', 'out_for_delivery'];
    case 'delivered':
      return ['processing', 'shipped', 'out_for_delivery', 'delivered'];
    case 'cancelled':
      return ['processing', 'cancelled'];
    case 'refunded':
      return ['processing', 'shipped', 'out_for_delivery', 'delivered', 'refunded'];
  }
}
