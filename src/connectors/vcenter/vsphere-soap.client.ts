import type * as http from 'node:http';
import { bodyExcerpt, remoteAgent, remoteRequest } from '../framework/remote-http';
import { child, childrenNamed, escapeXml, morefType, parseXml, SOAP_ENV_NS, VIM_NS, XmlNode, xsiType } from './soap-xml';

/** A managed object reference: `<x type="HostSystem">host-21</x>`. */
export interface MoRef {
  type: string;
  value: string;
}

/** A fault answered by the server (`InvalidLogin`, `NotAuthenticated`…). */
export class SoapFault extends Error {
  constructor(
    readonly faultType: string | undefined,
    message: string,
  ) {
    super(faultType ? `${message} (${faultType})` : message);
  }
}

export interface ServiceContent {
  rootFolder: MoRef;
  propertyCollector: MoRef;
  viewManager: MoRef;
  sessionManager: MoRef;
  fullName: string;
}

/** One object of a RetrievePropertiesEx answer: its reference and property values by path. */
export interface ObjectContent {
  obj: MoRef;
  props: Map<string, XmlNode>;
}

const moref = (node: XmlNode | undefined): MoRef | undefined => (node ? { type: morefType(node) ?? '', value: node.text } : undefined);
const morefXml = (tag: string, ref: MoRef) => `<vim25:${tag} type="${escapeXml(ref.type)}">${escapeXml(ref.value)}</vim25:${tag}>`;

function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:vim25="${VIM_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

/**
 * The few vSphere Web Services (SOAP, `/sdk`) calls a connector needs, the same API pyvmomi speaks. The
 * session cookie is kept in memory for this client only; the password is sent once, in the Login body.
 */
export class VsphereSoapClient {
  private cookie: string | undefined;
  private readonly agent: http.Agent;

  constructor(
    private readonly endpoint: URL,
    private readonly insecure: boolean,
    private readonly timeoutMs: number,
  ) {
    this.agent = remoteAgent(endpoint, insecure);
  }

  /** Sends one method call and returns its `<xResponse>` element; throws SoapFault or a network error. */
  async call(method: string, inner: string): Promise<XmlNode> {
    const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'urn:vim25/6.5' };
    if (this.cookie) headers.Cookie = this.cookie;
    const res = await remoteRequest({ url: this.endpoint, method: 'POST', headers, body: envelope(`<vim25:${method}>${inner}</vim25:${method}>`), timeoutMs: this.timeoutMs, insecure: this.insecure, agent: this.agent });
    const setCookie = res.headers['set-cookie']?.find((c) => c.startsWith('vmware_soap_session='));
    if (setCookie) this.cookie = setCookie.split(';')[0];
    let root: XmlNode;
    try {
      root = await parseXml(res.body);
    } catch {
      throw new Error(`${method} answered HTTP ${res.status} with a non-SOAP body: ${bodyExcerpt(res.body, 200)}`);
    }
    const body = child(root, 'Body', SOAP_ENV_NS);
    if (root.name !== 'Envelope' || root.ns !== SOAP_ENV_NS || !body) throw new Error(`${method} answered HTTP ${res.status} without a SOAP envelope.`);
    const fault = child(body, 'Fault', SOAP_ENV_NS) ?? child(body, 'Fault');
    if (fault) {
      const detail = child(fault, 'detail')?.children[0];
      throw new SoapFault(detail ? (xsiType(detail) ?? detail.name.replace(/Fault$/, '')) : undefined, child(fault, 'faultstring')?.text.trim() || 'SOAP fault');
    }
    const response = body.children.find((c) => c.name === `${method}Response`);
    if (!response) throw new Error(`${method} answered HTTP ${res.status} without ${method}Response.`);
    return response;
  }

  async retrieveServiceContent(): Promise<ServiceContent> {
    const res = await this.call('RetrieveServiceContent', morefXml('_this', { type: 'ServiceInstance', value: 'ServiceInstance' }));
    const rv = child(res, 'returnval');
    const ref = (name: string) => {
      const r = moref(child(rv, name));
      if (!r) throw new Error(`RetrieveServiceContent answered without ${name}.`);
      return r;
    };
    return {
      rootFolder: ref('rootFolder'),
      propertyCollector: ref('propertyCollector'),
      viewManager: ref('viewManager'),
      sessionManager: ref('sessionManager'),
      fullName: child(child(rv, 'about'), 'fullName')?.text ?? '',
    };
  }

  async login(sessionManager: MoRef, userName: string, password: string): Promise<void> {
    await this.call('Login', `${morefXml('_this', sessionManager)}<vim25:userName>${escapeXml(userName)}</vim25:userName><vim25:password>${escapeXml(password)}</vim25:password>`);
  }

  async logout(sessionManager: MoRef): Promise<void> {
    await this.call('Logout', morefXml('_this', sessionManager));
  }

  async createContainerView(viewManager: MoRef, container: MoRef, types: string[]): Promise<MoRef> {
    const res = await this.call(
      'CreateContainerView',
      `${morefXml('_this', viewManager)}${morefXml('container', container)}${types.map((t) => `<vim25:type>${escapeXml(t)}</vim25:type>`).join('')}<vim25:recursive>true</vim25:recursive>`,
    );
    const view = moref(child(res, 'returnval'));
    if (!view) throw new Error('CreateContainerView answered without a view.');
    return view;
  }

  async destroyView(view: MoRef): Promise<void> {
    await this.call('DestroyView', morefXml('_this', view));
  }

  /**
   * Every object of the view with the given property paths per type, following
   * ContinueRetrievePropertiesEx while the server hands back a paging token.
   */
  async retrieveAll(propertyCollector: MoRef, view: MoRef, pathsByType: Record<string, string[]>, pageSize = 1000): Promise<ObjectContent[]> {
    const propSets = Object.entries(pathsByType)
      .map(([type, paths]) => `<vim25:propSet><vim25:type>${type}</vim25:type>${paths.map((p) => `<vim25:pathSet>${p}</vim25:pathSet>`).join('')}</vim25:propSet>`)
      .join('');
    const objectSet =
      `<vim25:objectSet>${morefXml('obj', view)}<vim25:skip>true</vim25:skip>` +
      '<vim25:selectSet xsi:type="vim25:TraversalSpec"><vim25:name>traverseView</vim25:name><vim25:type>ContainerView</vim25:type><vim25:path>view</vim25:path><vim25:skip>false</vim25:skip></vim25:selectSet>' +
      '</vim25:objectSet>';
    const objects: ObjectContent[] = [];
    let res = await this.call('RetrievePropertiesEx', `${morefXml('_this', propertyCollector)}<vim25:specSet>${propSets}${objectSet}</vim25:specSet><vim25:options><vim25:maxObjects>${pageSize}</vim25:maxObjects></vim25:options>`);
    for (;;) {
      const rv = child(res, 'returnval');
      for (const o of childrenNamed(rv, 'objects')) {
        const obj = moref(child(o, 'obj'));
        if (!obj) continue;
        const props = new Map<string, XmlNode>();
        for (const p of childrenNamed(o, 'propSet')) {
          const name = child(p, 'name')?.text;
          const val = child(p, 'val');
          if (name && val) props.set(name, val);
        }
        objects.push({ obj, props });
      }
      const token = child(rv, 'token')?.text;
      if (!token) return objects;
      res = await this.call('ContinueRetrievePropertiesEx', `${morefXml('_this', propertyCollector)}<vim25:token>${escapeXml(token)}</vim25:token>`);
    }
  }

  close(): void {
    this.agent.destroy();
  }
}
