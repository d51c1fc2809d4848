/** The example vendor's own brand, shown in its header and used as its Duly vendor name. */
export const BRAND = {
  name: 'Harbor Office Supply',
  tagline: 'Paper, ink and furniture for offices, delivered next day',
  phone: '(555) 013-2045',
  email: 'billing@harbor-office.example',
  address: ['400 Harbor Way', 'Portland, OR 97209'],
};
