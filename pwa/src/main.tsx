import { render } from 'preact';
import './styles/app.css';
import { App } from './app/app';
import { registerServiceWorker } from './app/register-sw';
import { createServices } from './app/services';
import { startAccount } from './app/start-account';
import { startMarket } from './app/start-market';
import { startTrading } from './app/start-trading';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');

const services = createServices();
render(<App services={services} />, root);
startAccount(services);
startTrading(services);
void services.session.restore();
void startMarket(services);
registerServiceWorker();
